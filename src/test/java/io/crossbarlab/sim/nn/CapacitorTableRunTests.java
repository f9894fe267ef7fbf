package io.crossbarlab.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossbarlab.sim.device.CapacitorCurves;
import io.crossbarlab.sim.device.CapacitorParameters;
import io.crossbarlab.sim.device.CapacitorTable;
import io.crossbarlab.sim.preset.DevicePresets;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A measured 3T1C table in a run: it replaces the compact curves and nothing else. */
class CapacitorTableRunTests {

    @BeforeAll
    static void load() throws Exception {
        TrainerTests.load();
    }

    static RunSpec spec(String scheme, CapacitorTable table) {
        return RunSpec.resolve(
                new SimulationSpec(
                        new SimulationSpec.DatasetSpec(null, 600, 200),
                        new SimulationSpec.NetworkSpec(List.of(784, 16, 10), null),
                        new SimulationSpec.TrainingSpec(1, null),
                        new SimulationSpec.DeviceSpec(
                                scheme,
                                null,
                                Map.of("transferIntervalExamples", 250),
                                SimulationSpec.CapacitorTableSpec.of(table)),
                        null,
                        3L),
                0);
    }

    static CapacitorTable compactAsTable() {
        CapacitorParameters p = io.crossbarlab.sim.cell.DeviceConfig.capacitor(
                DevicePresets.byName("ambrogio-2018").orElseThrow().resolve(Map.of(), ""));
        return CapacitorCurves.compact(p).toTable();
    }

    @Test
    void theCompactCurvesGivenAsATableGiveTheSameBitsAndAnotherTableChangesTheRun() {
        TrainingResult compact = TrainerTests.run(spec("PCM_3T1C", null));
        TrainingResult table = TrainerTests.run(spec("PCM_3T1C", compactAsTable()));
        assertThat(table.epochs())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                .isEqualTo(compact.epochs());
        assertThat(table.counters()).isEqualTo(compact.counters());

        CapacitorTable t = compactAsTable();
        double[] weakUp = t.upVolts().clone();
        for (int i = 0; i < weakUp.length; i++) {
            weakUp[i] *= 0.5;
        }
        TrainingResult weak = TrainerTests.run(
                spec("PCM_3T1C", new CapacitorTable(t.volts(), t.readMicrosiemens(), weakUp, t.downVolts())));
        assertThat(weak.counters()).isNotEqualTo(compact.counters());
    }

    @Test
    void aTableIsRefusedOutsideThe3t1cSchemeAndWhenMalformed() {
        assertThatThrownBy(() -> spec("PCM_PAIR", compactAsTable()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("device.capacitorTable");
        CapacitorTable bad = new CapacitorTable(
                new double[] {0, 0.5, 0.4, 1}, new double[] {0, 1, 2, 3}, new double[4], new double[4]);
        assertThatThrownBy(() -> spec("PCM_3T1C", bad))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("device.capacitorTable.volts[2]");
    }
}
