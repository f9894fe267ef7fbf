package io.crossbarlab.sim.preset;

import static io.crossbarlab.sim.preset.HardwareParameter.*;
import static io.crossbarlab.sim.preset.PresetValue.assumed;
import static io.crossbarlab.sim.preset.PresetValue.calibrated;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The named hardware presets. */
public final class HardwarePresets {

    public static final String AMBROGIO_2018 = "ambrogio-2018";

    /** Default tile geometry [assumed: 512 x 512 cells]. */
    public static final int DEFAULT_TILE_ROWS = 512;

    public static final int DEFAULT_TILE_COLS = 512;

    private static final Preset<HardwareParameter> AMBROGIO = new Preset<>(
            AMBROGIO_2018, "Periphery of the paper's projected design", DevicePresets.AMBROGIO, ambrogio());

    private static final List<Preset<HardwareParameter>> ALL = List.of(AMBROGIO);

    private HardwarePresets() {}

    public static List<Preset<HardwareParameter>> all() {
        return ALL;
    }

    public static Optional<Preset<HardwareParameter>> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Map<HardwareParameter, PresetValue> ambrogio() {
        Map<HardwareParameter, PresetValue> m = new EnumMap<>(HardwareParameter.class);
        m.put(ADC_BITS, assumed(0, "read-out resolution not available here; ideal by default, selectable"));
        m.put(ADC_FORWARD_FULL_SCALE, assumed(16, "covers sigmoid pre-activations of a trained MLP"));
        m.put(ADC_BACKWARD_FULL_SCALE, assumed(1, "covers back-propagated errors of a trained MLP"));
        m.put(READ_VOLTAGE, assumed(0.2, "low read voltage that does not disturb PCM or the 3T1C gate"));
        m.put(MEAN_CELL_CONDUCTANCE, assumed(10, "PCM pair mostly one device at a few uS plus two read transistors"));
        m.put(INTEGRATION_TIME, assumed(40e-9, "pulse-width coded inputs in a 40 ns window"));
        m.put(INPUT_DUTY, assumed(0.5, "mean coded input magnitude of a half-on line"));
        m.put(
                ADC_ENERGY,
                calibrated(ADC_ENERGY_CALIBRATED, "solved so that the reference workload gives 28,065 GOP/s/W"));
        m.put(ADC_TIME, assumed(10e-9, "one conversion after integration, all columns in parallel"));
        m.put(LINE_DRIVER_ENERGY, assumed(0.1e-12, "charging one 512-cell line of about 100 fF to 1 V"));
        m.put(NEURON_ENERGY, assumed(0.5e-12, "one digital activation or derivative (lookup plus multiply)"));
        m.put(CAPACITOR, assumed(10e-15, "3T1C storage capacitor"));
        m.put(UPDATE_TIME, assumed(100e-9, "parallel outer-product pulse trains of one update"));
        m.put(PCM_SET_ENERGY, assumed(20e-12, "one step of an 8-step SET ramp-down sequence"));
        m.put(PCM_RESET_ENERGY, assumed(50e-12, "one RESET pulse of a mushroom cell"));
        m.put(PCM_VERIFY_ENERGY, assumed(1e-12, "one verify read"));
        m.put(PCM_ITERATION_TIME, assumed(1e-6, "SET ramp plus verify, one tile row at a time"));
        m.put(CELL_AREA, assumed(0.5, "2 PCM + 3T1C unit cell"));
        m.put(ADC_AREA, calibrated(ADC_AREA_CALIBRATED, "solved so that the reference workload gives 3.6 TOP/s/mm2"));
        m.put(LINE_DRIVER_AREA, assumed(20, "one line driver"));
        m.put(NEURON_AREA, assumed(50, "digital neuron of one column"));
        m.put(LAYERS_PIPELINED, assumed(1, "layers work on successive examples at once"));
        return m;
    }

    /**
     * Calibrated values: with every other parameter fixed, E(reference) is linear in the read-out
     * energy and the area linear in the read-out area, so each is solved exactly; see
     * docs/estimates.md for the numbers.
     */
    static final double ADC_ENERGY_CALIBRATED = 4.498e-11;

    static final double ADC_AREA_CALIBRATED = 204.5;
}
