package io.crossbarlab.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crossbarlab.sim.cell.Scheme;
import io.crossbarlab.sim.preset.DeviceParameter;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSpecTests {

    static SimulationSpec minimal() {
        return new SimulationSpec(
                null, new SimulationSpec.NetworkSpec(List.of(784, 250, 10), null), null, null, null, null);
    }

    @Test
    void defaultsComeFromTheAmbrogioPreset() {
        RunSpec s = RunSpec.resolve(minimal(), 99);
        assertThat(s.scheme()).isEqualTo(Scheme.PCM_3T1C);
        assertThat(s.devicePreset()).isEqualTo("ambrogio-2018");
        assertThat(s.dataset()).isEqualTo("mnist-10k");
        assertThat(s.epochs()).isEqualTo(20);
        assertThat(s.seed()).isEqualTo(99);
        assertThat(s.tileRows()).isEqualTo(512);
        assertThat(s.tiles()).isEqualTo(3);
        assertThat(s.device().get(DeviceParameter.TRANSFER_OFFSET)).isEqualTo(2.0);
        assertThat(s.device().getBoolean(DeviceParameter.POLARITY_INVERSION)).isTrue();
    }

    @Test
    void schemeSelectsItsDefaultPresetAndOverridesApply() {
        SimulationSpec r = new SimulationSpec(
                null,
                new SimulationSpec.NetworkSpec(List.of(784, 10), "relu"),
                null,
                new SimulationSpec.DeviceSpec("pcm_pair", null, Map.of("pcmSetStepMicrosiemens", 0.5)),
                null,
                1L);
        RunSpec s = RunSpec.resolve(r, 0);
        assertThat(s.scheme()).isEqualTo(Scheme.PCM_PAIR);
        assertThat(s.devicePreset()).isEqualTo("pcm-pair-burr-2015");
        assertThat(s.device().get(DeviceParameter.PCM_SET_STEP)).isEqualTo(0.5);
        assertThat(s.activation()).isEqualTo(Activation.RELU);
        assertThat(s.seed()).isEqualTo(1);
    }

    @Test
    void everyProblemIsReportedWithItsFieldAndRange() {
        SimulationSpec r = new SimulationSpec(
                new SimulationSpec.DatasetSpec("mnist-10k", 0, 5000),
                new SimulationSpec.NetworkSpec(List.of(100, 250, 9), "softplus"),
                new SimulationSpec.TrainingSpec(0, -1.0),
                new SimulationSpec.DeviceSpec(
                        "PCM_3T1C", null, Map.of("gainFactor", 50, "nope", 1, "polarityInversion", "yes")),
                new SimulationSpec.HardwareSpec(null, 4, 100_000, Map.of("adcBits", 3.5)),
                null);
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> RunSpec.resolve(r, 0));
        assertThat(e.violations())
                .extracting(InvalidSpecException.Violation::field)
                .containsExactlyInAnyOrder(
                        "dataset.trainLimit",
                        "dataset.testLimit",
                        "network.layers[0]",
                        "network.layers[2]",
                        "network.activation",
                        "device.overrides.gainFactor",
                        "device.overrides.nope",
                        "device.overrides.polarityInversion",
                        "training.epochs",
                        "training.learningRate",
                        "hardware.overrides.adcBits",
                        "hardware.tileRows",
                        "hardware.tileCols");
        assertThat(e.violations())
                .filteredOn(v -> v.field().equals("device.overrides.gainFactor"))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("between 1 and 20"));
    }

    @Test
    void networkIsRequired() {
        assertThatThrownBy(() -> RunSpec.resolve(new SimulationSpec(null, null, null, null, null, null), 0))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("network.layers");
    }

    static SimulationSpec withJumps(String scheme, double[] g, double[] mean, double[] std) {
        return new SimulationSpec(
                null,
                new SimulationSpec.NetworkSpec(List.of(784, 10), null),
                null,
                new SimulationSpec.DeviceSpec(
                        scheme, null, null, null, new SimulationSpec.PcmJumpTableSpec(g, mean, std)),
                null,
                1L);
    }

    @Test
    void aPcmJumpTableIsValidatedAndCarriedThroughTheResolvedSpec() {
        double[] g = {0, 10, 20};
        RunSpec ok =
                RunSpec.resolve(withJumps("PCM_PAIR", g, new double[] {0.8, 0.4, 0}, new double[] {0.4, 0.2, 0}), 0);
        assertThat(ok.pcmJumpTable().meanStepMicrosiemens()).containsExactly(0.8, 0.4, 0);
        assertThat(SimulationSpec.from(ok).device().pcmJumpTable().conductanceMicrosiemens())
                .containsExactly(0, 10, 20);

        InvalidSpecException e = catchThrowableOfType(
                InvalidSpecException.class,
                () -> RunSpec.resolve(
                        withJumps("PCM_PAIR", new double[] {0, 12, 11}, new double[] {1, 1, 1}, new double[] {0, 0, 0}),
                        0));
        assertThat(e.violations())
                .extracting(InvalidSpecException.Violation::field)
                .containsExactly("device.pcmJumpTable.conductanceMicrosiemens[2]");
        e = catchThrowableOfType(
                InvalidSpecException.class,
                () -> RunSpec.resolve(
                        withJumps("PCM_PAIR", new double[] {0, 15}, new double[] {0, -1}, new double[] {0, 0}), 0));
        assertThat(e.violations())
                .extracting(InvalidSpecException.Violation::field)
                .containsExactly(
                        "device.pcmJumpTable.meanStepMicrosiemens[1]", "device.pcmJumpTable.conductanceMicrosiemens");
        e = catchThrowableOfType(
                InvalidSpecException.class,
                () -> RunSpec.resolve(withJumps("PCM_PAIR", g, new double[] {0, 0.4, 0}, new double[] {0, 0, 0}), 0));
        assertThat(e.violations())
                .extracting(InvalidSpecException.Violation::field)
                .containsExactly("device.pcmJumpTable.meanStepMicrosiemens[0]");
        e = catchThrowableOfType(
                InvalidSpecException.class,
                () -> RunSpec.resolve(withJumps("PCM_3T1C", g, new double[] {1, 1, 1}, new double[] {0, 0, 0}), 0));
        assertThat(e.violations().get(0).message()).contains("only the PCM_PAIR scheme");
    }
}
