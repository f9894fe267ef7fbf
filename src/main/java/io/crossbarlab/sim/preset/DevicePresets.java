package io.crossbarlab.sim.preset;

import static io.crossbarlab.sim.preset.DeviceParameter.*;
import static io.crossbarlab.sim.preset.PresetValue.assumed;
import static io.crossbarlab.sim.preset.PresetValue.derived;
import static io.crossbarlab.sim.preset.PresetValue.literature;
import static io.crossbarlab.sim.preset.PresetValue.paper;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named device presets. Every value is tagged; docs/model.md gives the reasoning
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
                OFFSET_TO_CAPACITOR,
                assumed(
                        1,
                        "the controller subtracted the offset itself, so it restores it in g with one pulse "
                                + "count broadcast to all cells; left to training, the offset is a coherent shift of "
                                + "every weight that costs 3 points at learning rate 0.02 (docs/reproduction.md)"));
        m.put(
                RESIDUAL_TO_CAPACITOR,
                assumed(
                        0,
                        "writing every cell's residual into g makes the capacitor a second programming stage "
                                + "and F irrelevant (ADR 0008); an option"));
        m.put(
                RESET_RESIDUAL_TO_CAPACITOR,
                paper(
                        1,
                        "the paper: a target under the offset leaves the pair RESET and g absorbs the residual; "
                                + "left to training, each such cell loses up to the offset at every transfer "
                                + "(ADR 0014, docs/reproduction.md)"));
        m.put(STOCHASTIC_ROUNDING, assumed(1, "unbiased pulse coding; deterministic rounding selectable"));
        m.put(
                PULSE_TRAIN_LENGTH,
                assumed(
                        0,
                        "per-cell pulse coding by default (the reproduction and speed tables use it); BL 31 as in "
                                + "aihwkit's stochastic-compressed update is the crossbar-compatible alternative"));
        m.put(
                MAX_PULSES,
                assumed(
                        32,
                        "bounds one example's change of one cell to 32 pulses, about 0.05 weight units at the "
                                + "initial voltage (docs/model.md gives how often it binds)"));
        m.put(
                SLOW_PROCESS_INTERVAL,
                assumed(
                        1000,
                        "numerical: leakage and drift are applied 1, 2, 4, ... examples after a transfer, then "
                                + "every 1,000 (0.2 ms; drift changes by under 1 % between two such steps)"));

        m.put(PCM_G_MAX, paper(20, "paper: usable PCM range about 0-20 uS"));
        m.put(PCM_PROGRAM_NOISE, assumed(1.0, "spread of one SET-ramp attempt around its target"));
        m.put(PCM_PROGRAM_TOLERANCE, assumed(0.5, "verify window of closed-loop tuning"));
        m.put(PCM_PROGRAM_MAX_ITERATIONS, assumed(20, "iteration limit of closed-loop tuning"));
        String fit = "Nandakumar et al., ICECS 2019 (fit to measured PCM), as in aihwkit's PCMLikeNoiseModel";
        m.put(PCM_READ_NOISE_COEFFICIENT, literature(0.0088, fit));
        m.put(PCM_READ_NOISE_EXPONENT, literature(0.65, fit));
        m.put(PCM_READ_NOISE_MAX, literature(0.2, fit));
        m.put(PCM_READ_NOISE_TIME, literature(250e-9, fit));
        m.put(PCM_DRIFT_SCALE, assumed(1, "drift as measured"));
        m.put(
                PCM_DRIFT_COMPENSATION,
                literature(
                        1,
                        "global drift compensation from one summed read of the tile (Le Gallo et al., "
                                + "Nat. Electron. 1, 246 (2018); Joshi et al., Nat. Commun. 11, 2473 (2020)); "
                                + "without it the PCM part loses a third of its value within each transfer interval"));
        m.put(
                PCM_DRIFT_T0,
                assumed(
                        1e-6,
                        "the verify read that ends program-and-verify, one iteration (1 us) after the last SET "
                                + "pulse; the power law holds from there (structural relaxation)"));
        m.put(
                PCM_INTERLEAVED_VERIFY,
                assumed(
                        1,
                        "the controller verifies a row one sweep of the tile's rows after its SET ramps, so "
                                + "the verify reads the conductance after its fastest drift (t0 about 0.5 ms on a "
                                + "512-row tile instead of 1 us) with the same ramps and reads in the same time; "
                                + "measured in docs/reproduction.md"));
        m.put(PCM_DRIFT_NU_INTERCEPT, literature(0.0244, fit));
        m.put(PCM_DRIFT_NU_LOG_SLOPE, literature(0.0155, fit));
        m.put(PCM_DRIFT_NU_MIN, literature(0.049, fit));
        m.put(PCM_DRIFT_NU_MAX, literature(0.1, fit));
        m.put(PCM_DRIFT_SPREAD_INTERCEPT, literature(-0.0059, fit));
        m.put(PCM_DRIFT_SPREAD_LOG_SLOPE, literature(0.0125, fit));
        m.put(PCM_DRIFT_SPREAD_MIN, literature(0.008, fit));
        m.put(PCM_DRIFT_SPREAD_MAX, literature(0.045, fit));
        m.put(PCM_FAILED_FRACTION, assumed(0.002, "a few devices per thousand stuck"));
        m.put(PCM_STUCK_AT_SET_SHARE, assumed(0.5, "failed devices stuck at either end equally often"));
        m.put(PCM_SET_STEP, assumed(0.75, "partial-SET step, about 27 steps to Gmax at the start"));
        m.put(PCM_SET_NONLINEARITY, assumed(1.0, "step shrinks linearly to zero at Gmax"));
        m.put(PCM_SET_CYCLE_NOISE, assumed(0.5, "partial-SET response is strongly stochastic"));
        m.put(PCM_SET_DEVICE_VARIATION, assumed(0.3, "device-to-device spread of the mean step"));
        m.put(PCM_RESET_THRESHOLD, assumed(0.9, "occasional RESET when a device nears Gmax"));

        m.put(CAP_READ_SPAN, assumed(20, "g spans 0-20 uS, the range of the PCM devices"));
        m.put(
                CAP_READ_THRESHOLD,
                assumed(
                        0.3,
                        "g(0.5 V) is about 29 % of the span: g can rise 2.5 times as far as it can fall from the "
                                + "initial voltage (the paper's reason for the offset), and is linear above threshold "
                                + "(paper: mildly non-linear)"));
        m.put(
                CAP_READ_RISES_WITH_VOLTAGE,
                assumed(1, "NMOS read transistor: g rises with V_C, and leakage toward 0.8 V raises it"));
        m.put(CAP_SUBTHRESHOLD_SLOPE, assumed(0.04, "n*kT/q with n about 1.5 at 300 K"));
        m.put(CAP_STEP, assumed(0.002, "net +-100 pulses per two intervals (paper) stay inside the 1 V swing"));
        m.put(
                CAP_PULSE_OVERDRIVE,
                assumed(
                        0.35,
                        "pulse currents are constant over the middle of the range and fall to 0 within 0.35 V of "
                                + "the rail they pull toward (paper: SPICE, dV depends on V_C)"));
        m.put(
                CAP_THRESHOLD_VARIATION,
                assumed(
                        0.02,
                        "sigma(Vth) 20 mV: steps vary by about 2*sigma/overdrive = 11 % from cell to cell "
                                + "(a relative step spread of 0.1-0.3 is the plausible range, docs/model.md; paper: SPICE Monte Carlo of 1,000 cells)"));
        m.put(
                CAP_PULSE_NOISE,
                derived(0.09, "charge granularity: a 2 mV step on 10 fF is about 125 electrons, 1/sqrt(125) = 0.09"));
        m.put(CAP_INIT_VOLTS, paper(0.5, "paper: capacitors re-initialised to 0.5 V"));
        m.put(CAP_LEAK_TARGET_VOLTS, paper(0.8, "paper: leakage pulls V_C toward about 0.8 V"));
        m.put(
                CAP_LEAK_TIME_CONSTANT,
                assumed(
                        0.02,
                        "20 ms: a 10 fF node relaxing over 0.3 V through about 150 fA of off-state leakage "
                                + "(logic-process switches leak fA to pA, DRAM-grade nodes hold for seconds); 12 "
                                + "transfer intervals of 784-250-10 (1.6 ms each at 200 ns per example); dense inputs "
                                + "need about 200 ms to train software-equivalently (docs/gaps.md)"));
        m.put(
                CAP_LEAK_SUBTHRESHOLD_FRACTION,
                assumed(
                        1.0,
                        "all of it through the switches' subthreshold channels, so every cell leaks at its own "
                                + "rate: the upper end of the spread; junction or gate leakage, the same in every cell, "
                                + "would lower it"));
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
