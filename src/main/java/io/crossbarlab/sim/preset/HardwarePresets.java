package io.crossbarlab.sim.preset;

import static io.crossbarlab.sim.preset.HardwareParameter.*;
import static io.crossbarlab.sim.preset.PresetValue.assumed;

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
        return m;
    }
}
