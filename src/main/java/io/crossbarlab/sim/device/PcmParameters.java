package io.crossbarlab.sim.device;

/**
 * Phase-change-memory device parameters. Sources and ranges: the preset catalogue ({@code sim.preset.DeviceParameter}). The drift and
 * read-noise laws are those fitted to measured PCM by Nandakumar et al. (ICECS 2019), in the form
 * IBM's aihwkit uses them (PCMLikeNoiseModel), with conductances relative to this device's Gmax.
 *
 * @param gMaxMicrosiemens top of the usable conductance range, uS [paper: about 20 uS]
 * @param programNoiseMicrosiemens spread of one program-and-verify attempt, uS [assumed]
 * @param programToleranceMicrosiemens verify window of closed-loop tuning, uS [assumed]
 * @param programMaxIterations iteration limit of closed-loop tuning [assumed]
 * @param readNoiseCoefficient Q0 of the 1/f read noise [literature]
 * @param readNoiseExponent a of the 1/f read noise [literature]
 * @param readNoiseMaxRelative Qmax of the 1/f read noise [literature]
 * @param readNoiseTimeSeconds t_read of the 1/f read noise, s [literature]
 * @param driftScale multiplier of every drift exponent, 0 = no drift [assumed]
 * @param driftCompensation global drift compensation of each tile's PCM contribution [literature]
 * @param driftT0Seconds t0 of the drift law: the verify read after programming, s [assumed]
 * @param interleavedVerify verify each row one sweep of the tile's rows after its SET ramps, not right
 *     after them [assumed]
 * @param nuIntercept intercept of the mean drift exponent mu(G) [literature]
 * @param nuLogSlope slope of mu(G) in ln(G/Gmax) [literature]
 * @param nuMin lower clip of mu(G) [literature]
 * @param nuMax upper clip of mu(G) [literature]
 * @param nuSpreadIntercept intercept of the spread s(G) [literature]
 * @param nuSpreadLogSlope slope of s(G) in ln(G/Gmax) [literature]
 * @param nuSpreadMin lower clip of s(G) [literature]
 * @param nuSpreadMax upper clip of s(G) [literature]
 * @param failedFraction fraction of stuck devices [assumed]
 * @param stuckAtSetShare share of stuck devices that sit at Gmax [assumed]
 * @param setStepMicrosiemens mean partial-SET step on a RESET device, uS [assumed]
 * @param setNonlinearity exponent gamma of the saturating SET response [assumed]
 * @param setCycleNoise relative cycle-to-cycle spread of a SET step [assumed]
 * @param setDeviceVariation relative device-to-device spread of the SET step [assumed]
 * @param resetThresholdFraction fraction of Gmax that triggers occasional RESET [assumed]
 */
public record PcmParameters(
        double gMaxMicrosiemens,
        double programNoiseMicrosiemens,
        double programToleranceMicrosiemens,
        int programMaxIterations,
        double readNoiseCoefficient,
        double readNoiseExponent,
        double readNoiseMaxRelative,
        double readNoiseTimeSeconds,
        double driftScale,
        boolean driftCompensation,
        double driftT0Seconds,
        boolean interleavedVerify,
        double nuIntercept,
        double nuLogSlope,
        double nuMin,
        double nuMax,
        double nuSpreadIntercept,
        double nuSpreadLogSlope,
        double nuSpreadMin,
        double nuSpreadMax,
        double failedFraction,
        double stuckAtSetShare,
        double setStepMicrosiemens,
        double setNonlinearity,
        double setCycleNoise,
        double setDeviceVariation,
        double resetThresholdFraction)
        implements java.io.Serializable {}
