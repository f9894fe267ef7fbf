package io.crossbarlab.sim.preset;

/**
 * A preset's value for one parameter, with where it comes from and a one-line reason.
 *
 * @param value the value, in the unit of its {@link ParameterDef}
 * @param source paper, derived, assumed, calibrated or literature
 * @param reason why this value (a citation, the arithmetic, or the assumption made)
 */
public record PresetValue(double value, Source source, String reason) {

    public static PresetValue paper(double value, String reason) {
        return new PresetValue(value, Source.PAPER, reason);
    }

    public static PresetValue derived(double value, String reason) {
        return new PresetValue(value, Source.DERIVED, reason);
    }

    public static PresetValue assumed(double value, String reason) {
        return new PresetValue(value, Source.ASSUMED, reason);
    }

    public static PresetValue calibrated(double value, String reason) {
        return new PresetValue(value, Source.CALIBRATED, reason);
    }

    public static PresetValue literature(double value, String reason) {
        return new PresetValue(value, Source.LITERATURE, reason);
    }
}
