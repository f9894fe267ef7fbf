package io.crossbarlab.sim.preset;

/**
 * Every device and unit-cell parameter a run can set, with unit and allowed range. Values live in
 * {@link DevicePresets}; the typed views used by the physics are {@code PcmParameters}, {@code
 * CapacitorParameters} and {@code CellParameters}.
 */
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
    RESIDUAL_TO_CAPACITOR(
            "transferResidualToCapacitor",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "After a transfer, write the residual W - F*(G+ - G-) into the 3T1C by open-loop pulses instead of leaving it to training."),
    STOCHASTIC_ROUNDING(
            "stochasticRounding",
            "bool",
            0,
            1,
            Kind.BOOLEAN,
            "Round the requested pulse count stochastically (unbiased) rather than to the nearest integer."),
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
    SECONDS_PER_EXAMPLE(
            "secondsPerExample",
            "s",
            1e-9,
            1,
            Kind.REAL,
            "Simulated wall time of one training example on the hardware (clock for drift)."),

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
    PCM_READ_NOISE(
            "pcmReadNoiseMicrosiemens",
            "uS",
            0,
            5,
            Kind.REAL,
            "Standard deviation of each PCM device's conductance at each read (white, independent per read)."),
    PCM_DRIFT_NU(
            "pcmDriftNu",
            "1",
            0,
            0.5,
            Kind.REAL,
            "Drift exponent nu in G(t) = G0*(t/t0)^-nu, applied to PCM conductances programmed at a transfer."),
    PCM_DRIFT_T0(
            "pcmDriftT0Seconds",
            "s",
            1e-9,
            1e6,
            Kind.REAL,
            "Reference time t0 of the drift law; no drift before t0 after programming."),
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
            "Read-transistor conductance g at V_C = supply (g(0) = 0); sets the 3T1C weight range."),
    CAP_READ_NONLINEARITY(
            "capReadNonlinearity",
            "1",
            0,
            1,
            Kind.REAL,
            "kappa in g(V) = span*((1-kappa)*v + kappa*v^2), v = V_C/supply: monotone, mildly non-linear."),
    CAP_STEP(
            "capStepVolts",
            "V",
            1e-5,
            0.1,
            Kind.REAL,
            "Nominal capacitor-voltage change of one charge (PMOS) or discharge (NMOS) pulse."),
    CAP_STEP_VARIATION_UP(
            "capStepVariationUp",
            "1",
            0,
            0.9,
            Kind.REAL,
            "sigma_up: relative device-to-device spread of the charge step (PMOS threshold mismatch)."),
    CAP_STEP_VARIATION_DOWN(
            "capStepVariationDown",
            "1",
            0,
            0.9,
            Kind.REAL,
            "sigma_down: relative device-to-device spread of the discharge step (NMOS threshold mismatch)."),
    CAP_READ_OFFSET(
            "capReadOffsetMicrosiemens",
            "uS",
            0,
            10,
            Kind.REAL,
            "Standard deviation of each read transistor's fixed conductance offset (static mismatch)."),
    CAP_INIT_VOLTS("capInitVolts", "V", 0, 5, Kind.REAL, "Capacitor voltage after re-initialisation at each transfer."),
    CAP_LEAK_TARGET_VOLTS("capLeakTargetVolts", "V", 0, 5, Kind.REAL, "Voltage the capacitor leaks toward."),
    CAP_LEAK_TIME_CONSTANT(
            "capLeakTimeConstantExamples",
            "examples",
            1,
            1e12,
            Kind.REAL,
            "Time constant of the leakage, in training examples."),
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
