package io.crossbarlab.sim.preset;

/**
 * Every device and unit-cell parameter a run can set, with unit and allowed range. Values live in
 * {@link DevicePresets}; the typed views used by the physics are {@code PcmParameters}, {@code
 * CapacitorParameters} and {@code CellParameters}.
 */
@SuppressWarnings("ImmutableEnumChecker") // Spec is a record of strings, numbers and an enum
public enum DeviceParameter implements ParameterDef {
    // --- unit cell and weight mapping -------------------------------------------------------
    WEIGHT_SCALE(
            "weightScaleMicrosiemens",
            "uS",
            1,
            1000,
            Kind.REAL,
            "Effective conductance (F*(G+ - G-) + p*(g - g_shared)) that represents one unit of network weight."),
    GAIN_FACTOR(
            "gainFactor",
            "1",
            1,
            20,
            Kind.REAL,
            "F: gain of the PCM pair relative to the 3T1C pair (also scales the PCM pair in PCM_PAIR)."),
    TRANSFER_INTERVAL(
            "transferIntervalExamples",
            "examples",
            1,
            10_000_000,
            Kind.INTEGER,
            "Training examples between two transfers of the 3T1C pair into the PCM pair."),
    TRANSFER_OFFSET(
            "transferOffsetMicrosiemens",
            "uS",
            0,
            20,
            Kind.REAL,
            "Offset subtracted from the transfer target so that programming errors fall on the side the 3T1C corrects easily."),
    POLARITY_INVERSION(
            "polarityInversion",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "Flip the polarity p of the 3T1C contribution at every transfer (off = ablation)."),
    OFFSET_FOLLOWS_POLARITY(
            "offsetFollowsPolarity",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "Subtract p*offset rather than +offset at a transfer, so the offset keeps pointing where leakage pushes W."),
    OFFSET_TO_CAPACITOR(
            "transferOffsetToCapacitor",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "After a transfer, charge every 3T1C cell by the same nominal number of pulses that restores the transfer offset, leaving only the PCM programming error to training."),
    RESIDUAL_TO_CAPACITOR(
            "transferResidualToCapacitor",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "After a transfer, write the residual W - F*(G+ - G-) into the 3T1C by open-loop pulses instead of leaving it to training."),
    RESET_RESIDUAL_TO_CAPACITOR(
            "transferResetResidualToCapacitor",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "After a transfer, a cell whose PCM pair was left RESET (target between 0 and the offset) gets its whole weight written into g by open-loop pulses, instead of the common offset; off: training absorbs what the offset leaves."),
    STOCHASTIC_ROUNDING(
            "stochasticRounding",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "Round the requested pulse count stochastically (unbiased) rather than to the nearest integer."),
    PULSE_TRAIN_LENGTH(
            "pulseTrainLength",
            "pulses",
            0,
            64,
            Kind.INTEGER,
            "Update mode: 0 codes each cell's pulse count from x*delta (per-cell rounding); BL from 1 to 64 fires stochastic pulse trains of BL slots on rows and columns, a cell receiving one pulse per slot where both fire (crossbar-compatible)."),
    MAX_PULSES(
            "maxPulsesPerUpdate",
            "pulses",
            1,
            1000,
            Kind.INTEGER,
            "Cap on the pulses one synapse receives for one training example."),
    SLOW_PROCESS_INTERVAL(
            "slowProcessIntervalExamples",
            "examples",
            1,
            100_000,
            Kind.INTEGER,
            "Numerical step at which slow processes (capacitor leakage, PCM drift) are applied to all cells."),
    // --- PCM --------------------------------------------------------------------------------
    PCM_G_MAX(
            "pcmGMaxMicrosiemens",
            "uS",
            1,
            100,
            Kind.REAL,
            "Largest conductance a PCM device is programmed to (usable range 0..Gmax)."),
    PCM_PROGRAM_NOISE(
            "pcmProgramNoiseMicrosiemens",
            "uS",
            0,
            10,
            Kind.REAL,
            "Standard deviation of the conductance reached by one program-and-verify attempt around its target."),
    PCM_PROGRAM_TOLERANCE(
            "pcmProgramToleranceMicrosiemens",
            "uS",
            0.01,
            10,
            Kind.REAL,
            "Closed-loop tuning stops once |G - target| is within this tolerance."),
    PCM_PROGRAM_MAX_ITERATIONS(
            "pcmProgramMaxIterations",
            "iterations",
            1,
            1000,
            Kind.INTEGER,
            "Closed-loop tuning gives up after this many program-and-verify iterations."),
    PCM_READ_NOISE_COEFFICIENT(
            "pcmReadNoiseCoefficient",
            "1",
            0,
            0.2,
            Kind.REAL,
            "Q0 of the 1/f read noise: sigma_G = G*min(Qmax, Q0*(G/Gmax)^-a)*sqrt(ln((t + t_read)/(2 t_read))), t since programming."),
    PCM_READ_NOISE_EXPONENT(
            "pcmReadNoiseExponent", "1", 0, 2, Kind.REAL, "a of the 1/f read noise: relative noise grows as G falls."),
    PCM_READ_NOISE_MAX(
            "pcmReadNoiseMaxRelative",
            "1",
            0,
            1,
            Kind.REAL,
            "Qmax: the relative read noise of a low-conductance device is capped here."),
    PCM_READ_NOISE_TIME(
            "pcmReadNoiseTimeSeconds",
            "s",
            1e-12,
            1,
            Kind.REAL,
            "t_read of the 1/f read-noise law (its low-frequency cut-off, the read time of the fit)."),
    PCM_DRIFT_SCALE(
            "pcmDriftScale",
            "1",
            0,
            5,
            Kind.REAL,
            "Multiplies every device's drift exponent nu; 0 switches drift off (ablation)."),
    PCM_DRIFT_COMPENSATION(
            "pcmDriftCompensation",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "Global drift compensation: the periphery rescales the PCM pair's contribution of a tile by the ratio of its summed conductance at programming to the summed conductance read now."),
    PCM_DRIFT_T0(
            "pcmDriftT0Seconds",
            "s",
            1e-9,
            1e6,
            Kind.REAL,
            "t0 of G(t) = G0*(t/t0)^-nu in row-order transfers (pcmInterleavedVerify false): the verify read that ends program-and-verify, after the last SET pulse; interleaved, t0 is the sweep."),
    PCM_INTERLEAVED_VERIFY(
            "pcmInterleavedVerify",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "Program-and-verify at a transfer visits the tile's unfinished rows in turn, so a cell's verify read comes one sweep of the rows after its SET ramp (t0 is that sweep, not pcmDriftT0Seconds); the same SET ramps and verify reads, so the transfer takes as long."),
    PCM_DRIFT_NU_INTERCEPT(
            "pcmDriftNuIntercept",
            "1",
            -1,
            1,
            Kind.REAL,
            "Mean drift exponent mu(G) = clip(intercept - slope*ln(G/Gmax), min, max): its intercept."),
    PCM_DRIFT_NU_LOG_SLOPE(
            "pcmDriftNuLogSlope",
            "1",
            -1,
            1,
            Kind.REAL,
            "Slope of mu(G) in ln(G/Gmax): low-conductance (more amorphous) states drift faster."),
    PCM_DRIFT_NU_MIN("pcmDriftNuMin", "1", 0, 1, Kind.REAL, "Lower clip of the mean drift exponent mu(G)."),
    PCM_DRIFT_NU_MAX("pcmDriftNuMax", "1", 0, 1, Kind.REAL, "Upper clip of the mean drift exponent mu(G)."),
    PCM_DRIFT_SPREAD_INTERCEPT(
            "pcmDriftNuSpreadIntercept",
            "1",
            -1,
            1,
            Kind.REAL,
            "Device-to-device spread of nu, s(G) = clip(intercept - slope*ln(G/Gmax), min, max): its intercept."),
    PCM_DRIFT_SPREAD_LOG_SLOPE(
            "pcmDriftNuSpreadLogSlope", "1", -1, 1, Kind.REAL, "Slope of the spread s(G) in ln(G/Gmax)."),
    PCM_DRIFT_SPREAD_MIN("pcmDriftNuSpreadMin", "1", 0, 1, Kind.REAL, "Lower clip of the spread s(G)."),
    PCM_DRIFT_SPREAD_MAX("pcmDriftNuSpreadMax", "1", 0, 1, Kind.REAL, "Upper clip of the spread s(G)."),
    PCM_FAILED_FRACTION(
            "pcmFailedFraction",
            "1",
            0,
            0.5,
            Kind.REAL,
            "Fraction of PCM devices that are stuck and never change conductance."),
    PCM_STUCK_AT_SET_SHARE(
            "pcmStuckAtSetShare",
            "1",
            0,
            1,
            Kind.REAL,
            "Share of failed devices stuck at Gmax (the rest are stuck at 0, i.e. RESET)."),
    PCM_SET_STEP(
            "pcmSetStepMicrosiemens",
            "uS",
            0.01,
            10,
            Kind.REAL,
            "Mean conductance increase of one partial-SET pulse on a fully RESET device (PCM_PAIR updates)."),
    PCM_SET_NONLINEARITY(
            "pcmSetNonlinearity",
            "1",
            0,
            10,
            Kind.REAL,
            "gamma in dG = step*(1 - G/Gmax)^gamma: 0 is linear, larger saturates sooner."),
    PCM_SET_CYCLE_NOISE(
            "pcmSetCycleNoise",
            "1",
            0,
            3,
            Kind.REAL,
            "Relative standard deviation of dG from pulse to pulse (cycle-to-cycle)."),
    PCM_SET_DEVICE_VARIATION(
            "pcmSetDeviceVariation",
            "1",
            0,
            1,
            Kind.REAL,
            "Relative standard deviation of the mean step from device to device."),
    PCM_RESET_THRESHOLD(
            "pcmResetThresholdFraction",
            "1",
            0.1,
            1,
            Kind.REAL,
            "In PCM_PAIR, a device reaching this fraction of Gmax triggers RESET of the pair and reprogramming of W."),

    // --- 3T1C -------------------------------------------------------------------------------
    CAP_READ_SPAN(
            "capReadSpanMicrosiemens",
            "uS",
            0.1,
            200,
            Kind.REAL,
            "Read-transistor conductance g at the full-on end of the capacitor range; sets the 3T1C weight range."),
    CAP_READ_THRESHOLD(
            "capReadThresholdVolts",
            "V",
            0,
            2,
            Kind.REAL,
            "Threshold voltage of the read transistor: g ~ n*Ut*ln(1 + exp(V_ov/(n*Ut))) (linear region at the small read voltage), V_ov its gate overdrive."),
    CAP_READ_RISES_WITH_VOLTAGE(
            "capReadRisesWithVoltage",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "true: g rises with V_C (NMOS read transistor, overdrive V_C - Vth); false: g rises as V_C falls (PMOS read, overdrive supply - V_C - Vth)."),
    CAP_SUBTHRESHOLD_SLOPE(
            "capSubthresholdSlopeVolts",
            "V",
            0.001,
            0.5,
            Kind.REAL,
            "n*kT/q of the transistors: sharpness of the threshold of the read curve, and scale of subthreshold leakage."),
    CAP_STEP(
            "capStepVolts",
            "V",
            1e-5,
            0.1,
            Kind.REAL,
            "Capacitor-voltage change of one charge (PMOS) or discharge (NMOS) pulse of a nominal device at the initial voltage."),
    CAP_PULSE_OVERDRIVE(
            "capPulseOverdriveVolts",
            "V",
            0.01,
            5,
            Kind.REAL,
            "Gate overdrive of the pull-up and pull-down transistors during a pulse: a pulse's current saturates for |V_ds| above it and falls to 0 as the capacitor nears the rail it is pulled to."),
    CAP_THRESHOLD_VARIATION(
            "capThresholdVariationVolts",
            "V",
            0,
            0.5,
            Kind.REAL,
            "Device-to-device sigma of the threshold voltage of each of a cell's three transistors; sets each cell's up step, down step, read curve and leakage."),
    CAP_PULSE_NOISE(
            "capPulseNoise",
            "1",
            0,
            1,
            Kind.REAL,
            "Relative pulse-to-pulse sigma of one step (charge granularity: about 1/sqrt(electrons per step))."),
    CAP_INIT_VOLTS("capInitVolts", "V", 0, 5, Kind.REAL, "Capacitor voltage after re-initialisation at each transfer."),
    CAP_LEAK_TARGET_VOLTS("capLeakTargetVolts", "V", 0, 5, Kind.REAL, "Voltage the capacitor leaks toward."),
    CAP_LEAK_TIME_CONSTANT(
            "capLeakTimeConstantSeconds",
            "s",
            1e-9,
            1e6,
            Kind.REAL,
            "Time constant of the leakage of a nominal cell; a cell whose transistors have higher thresholds leaks more slowly."),
    CAP_LEAK_SUBTHRESHOLD_FRACTION(
            "capLeakSubthresholdFraction",
            "1",
            0,
            1,
            Kind.REAL,
            "Share of a nominal cell's leakage that flows through its switches below threshold and so varies from cell to cell with their threshold draws (rate as exp(-shift/slope)); the rest (junction, gate leakage) is the same in every cell. 0: every cell leaks at the nominal rate."),
    CAP_SUPPLY_VOLTS(
            "capSupplyVolts",
            "V",
            0.1,
            5,
            Kind.REAL,
            "Supply voltage: the capacitor voltage is confined to [0, supply].");

    private final Spec spec;

    DeviceParameter(String key, String unit, double min, double max, Kind kind, String description) {
        this.spec = new Spec(key, unit, min, max, kind, description);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
