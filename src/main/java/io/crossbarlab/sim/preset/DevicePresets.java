package io.crossbarlab.sim.preset;

import static io.crossbarlab.sim.preset.DeviceParameter.*;
import static io.crossbarlab.sim.preset.PresetValue.assumed;
import static io.crossbarlab.sim.preset.PresetValue.derived;
import static io.crossbarlab.sim.preset.PresetValue.paper;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named device presets. Every value is tagged; see {@code docs/physics.md} for the reasoning
 * behind each assumption.
 */
public final class DevicePresets {

    public static final String AMBROGIO_2018 = "ambrogio-2018";
    public static final String PCM_PAIR_BURR_2015 = "pcm-pair-burr-2015";
    public static final String FLOATING_POINT = "floating-point";

    static final String AMBROGIO = "Ambrogio et al., Nature 558, 60-67 (2018)";
    static final String BURR = "Burr et al., IEEE TED 62, 3498 (2015)";

    private static final Preset<DeviceParameter> AMBROGIO_PRESET = new Preset<>(
            AMBROGIO_2018, "2PCM + 3T1C unit cell with polarity inversion, as in the paper", AMBROGIO, ambrogio());
    private static final Preset<DeviceParameter> BURR_PRESET = new Preset<>(
            PCM_PAIR_BURR_2015,
            "Two PCM devices per weight updated by partial SET pulses, occasional RESET",
            BURR,
            burr());
    private static final Preset<DeviceParameter> FP_PRESET = new Preset<>(
            FLOATING_POINT,
            "Software baseline: the device parameters are carried for completeness and not used",
            "-",
            ambrogio());

    private static final List<Preset<DeviceParameter>> ALL = List.of(AMBROGIO_PRESET, BURR_PRESET, FP_PRESET);

    private DevicePresets() {}

    public static List<Preset<DeviceParameter>> all() {
        return ALL;
    }

    public static Optional<Preset<DeviceParameter>> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Map<DeviceParameter, PresetValue> ambrogio() {
        Map<DeviceParameter, PresetValue> m = new EnumMap<>(DeviceParameter.class);
        m.put(
                WEIGHT_SCALE,
                assumed(
                        40,
                        "|w| <= F*Gmax/scale = 1.5; the 2 uS offset is then 0.05 weight units (sweep in docs/reproduction.md)"));
        m.put(GAIN_FACTOR, assumed(3, "paper: F > 1; value not stated in the available text"));
        m.put(TRANSFER_INTERVAL, derived(8000, "paper: 16,000 images span two transfer intervals (MNIST)"));
        m.put(TRANSFER_OFFSET, paper(2, "paper: 2 uS offset at transfer"));
        m.put(POLARITY_INVERSION, paper(1, "paper: p flipped at every transfer"));
        m.put(
                OFFSET_FOLLOWS_POLARITY,
                assumed(
                        1,
                        "not stated; with p*offset the residual always needs g to rise (charge), the easy direction"));
        m.put(
                RESIDUAL_TO_CAPACITOR,
                assumed(1, "reading of 'let g absorb the residual': the offset-sized residual is charged into g"));
        m.put(STOCHASTIC_ROUNDING, assumed(1, "unbiased pulse coding; deterministic rounding selectable"));
        m.put(MAX_PULSES, assumed(32, "bounds one update to 32 steps (about 0.06 weight units)"));
        m.put(SLOW_PROCESS_INTERVAL, assumed(100, "numerical: leakage and drift change little over 100 examples"));
        m.put(SECONDS_PER_EXAMPLE, assumed(1e-6, "order of the paper's projected per-example training time"));

        m.put(PCM_G_MAX, paper(20, "paper: usable PCM range about 0-20 uS"));
        m.put(PCM_PROGRAM_NOISE, assumed(1.0, "spread of one SET-ramp attempt around its target"));
        m.put(PCM_PROGRAM_TOLERANCE, assumed(0.5, "verify window of closed-loop tuning"));
        m.put(PCM_PROGRAM_MAX_ITERATIONS, assumed(20, "iteration limit of closed-loop tuning"));
        m.put(PCM_READ_NOISE, assumed(0.1, "about 1% of a mid-range conductance"));
        m.put(PCM_DRIFT_NU, assumed(0.05, "typical of mushroom-cell PCM SET states"));
        m.put(PCM_DRIFT_T0, assumed(1.0, "reference time of the drift law"));
        m.put(PCM_FAILED_FRACTION, assumed(0.002, "a few devices per thousand stuck"));
        m.put(PCM_STUCK_AT_SET_SHARE, assumed(0.5, "failed devices stuck at either end equally often"));
        m.put(PCM_SET_STEP, assumed(0.75, "partial-SET step, about 27 steps to Gmax at the start"));
        m.put(PCM_SET_NONLINEARITY, assumed(1.0, "step shrinks linearly to zero at Gmax"));
        m.put(PCM_SET_CYCLE_NOISE, assumed(0.5, "partial-SET response is strongly stochastic"));
        m.put(PCM_SET_DEVICE_VARIATION, assumed(0.3, "device-to-device spread of the mean step"));
        m.put(PCM_RESET_THRESHOLD, assumed(0.9, "occasional RESET when a device nears Gmax"));

        m.put(CAP_READ_SPAN, assumed(20, "g spans 0-20 uS; g - g_shared spans +-10 uS around 0.5 V"));
        m.put(CAP_READ_NONLINEARITY, assumed(0.2, "paper: g(V_C) monotone and mildly non-linear"));
        m.put(CAP_STEP, assumed(0.002, "net +-100 pulses per two intervals (paper) stay inside the 1 V swing"));
        m.put(CAP_STEP_VARIATION_UP, assumed(0.2, "physics.md: sigma 0.1-0.3 (paper: SPICE Monte Carlo)"));
        m.put(CAP_STEP_VARIATION_DOWN, assumed(0.2, "physics.md: sigma 0.1-0.3 (paper: SPICE Monte Carlo)"));
        m.put(CAP_READ_OFFSET, assumed(0.5, "read-transistor mismatch, compensated at transfer"));
        m.put(CAP_INIT_VOLTS, paper(0.5, "paper: capacitors re-initialised to 0.5 V"));
        m.put(CAP_LEAK_TARGET_VOLTS, paper(0.8, "paper: leakage pulls V_C toward about 0.8 V"));
        m.put(CAP_LEAK_TIME_CONSTANT, assumed(100_000, "0.1 s at 1 us per example"));
        m.put(CAP_SUPPLY_VOLTS, assumed(1.0, "capacitor voltage confined to 0-1 V"));
        return m;
    }

    private static Map<DeviceParameter, PresetValue> burr() {
        Map<DeviceParameter, PresetValue> m = ambrogio();
        m.put(GAIN_FACTOR, assumed(1, "W = G+ - G-: no second pair to amplify"));
        m.put(WEIGHT_SCALE, assumed(40.0 / 3.0, "same weight range as ambrogio-2018: F*Gmax/scale = 1.5"));
        m.put(PCM_FAILED_FRACTION, assumed(0.002, "as ambrogio-2018: same devices"));
        return m;
    }
}
