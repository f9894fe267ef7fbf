package io.crossbarlab.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inference after training on the PCM pairs alone: drift and 1/f noise, with and without compensation. */
class InferenceTests {

    @BeforeAll
    static void load() throws Exception {
        TrainerTests.load();
    }

    static RunSpec spec(String scheme, List<Double> times) {
        return RunSpec.resolve(
                new SimulationSpec(
                        new SimulationSpec.DatasetSpec(null, 2000, 500),
                        new SimulationSpec.NetworkSpec(List.of(784, 32, 10), null),
                        new SimulationSpec.TrainingSpec(2, null, times),
                        new SimulationSpec.DeviceSpec(scheme, null, Map.of("transferIntervalExamples", 1000)),
                        null,
                        11L),
                0);
    }

    static final List<Double> TIMES = List.of(31_536_000.0, 1.0, 3600.0);

    @Test
    void driftDegradesAccuracyOverTimeAndCompensationRecoversMostOfIt() {
        TrainingResult r = TrainerTests.run(spec("PCM_3T1C", TIMES));
        assertThat(r.inference()).extracting(InferencePoint::seconds).containsExactly(1.0, 3600.0, 31_536_000.0);
        InferencePoint first = r.inference().get(0);
        InferencePoint year = r.inference().get(2);
        // programmed into the PCM pairs alone, read 1 s later with compensation: seeds 11-16 of this
        // spec lost 0 to 5.2 points of the trained accuracy on its 500 test examples (simulator 2.1.0,
        // either verify order), so 8 points is a fault, not a draw
        assertThat(first.compensatedTestAccuracy()).isGreaterThan(r.testAccuracy() - 0.08);
        assertThat(year.testLoss()).as("a year of drift").isGreaterThan(first.testLoss());
        assertThat(year.testAccuracy()).isLessThan(first.testAccuracy());
        assertThat(year.compensatedTestLoss()).isLessThan(year.testLoss());
        assertThat(year.compensatedTestAccuracy()).isGreaterThan(year.testAccuracy());
    }

    @Test
    void inferenceIsReproducibleAndLeavesTheTrainingRecordAlone() {
        TrainingResult with = TrainerTests.run(spec("PCM_3T1C", TIMES));
        TrainingResult again = TrainerTests.run(spec("PCM_3T1C", TIMES));
        TrainingResult without = TrainerTests.run(spec("PCM_3T1C", null));
        assertThat(again.inference()).isEqualTo(with.inference());
        assertThat(without.inference()).isEmpty();
        assertThat(with.counters()).isEqualTo(without.counters());
        assertThat(with.testAccuracy()).isEqualTo(without.testAccuracy());
    }

    @Test
    void thePcmOnlySchemeRunsInferenceToo() {
        TrainingResult r = TrainerTests.run(spec("PCM_PAIR", List.of(1.0, 86_400.0)));
        assertThat(r.inference()).hasSize(2);
        assertThat(r.inference().get(1).testLoss())
                .isGreaterThan(r.inference().get(0).testLoss());
    }

    @Test
    void floatingPointAndOutOfRangeTimesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> spec("FLOATING_POINT", List.of(1.0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("training.inferenceTimesSeconds");
        assertThatThrownBy(() -> spec("PCM_3T1C", List.of(1.0, 0.0)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("training.inferenceTimesSeconds[1]");
    }
}
