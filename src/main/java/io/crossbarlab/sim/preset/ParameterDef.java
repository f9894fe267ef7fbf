package io.crossbarlab.sim.preset;

/**
 * The definition of one named, overridable parameter: its unit, allowed closed range and meaning.
 * Implemented by the parameter enums of each catalog.
 */
public interface ParameterDef {

    /** The kind of value a parameter takes. */
    enum Kind {
        REAL,
        INTEGER,
        BOOLEAN
    }

    /**
     * What defines a parameter.
     *
     * @param key camelCase name used in specs, overrides and the REST API
     * @param unit unit symbol, or "1" for dimensionless values and "bool" for switches
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param kind real, integer or boolean
     * @param description what the parameter means
     */
    record Spec(String key, String unit, double min, double max, Kind kind, String description) {}

    Spec spec();

    default String key() {
        return spec().key();
    }

    default String unit() {
        return spec().unit();
    }

    default double min() {
        return spec().min();
    }

    default double max() {
        return spec().max();
    }

    default Kind kind() {
        return spec().kind();
    }

    default String description() {
        return spec().description();
    }

    /** Checks one value against kind and range; returns a human-readable problem or null. */
    default String check(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return key() + " must be a finite number";
        }
        if (value < min() || value > max()) {
            String unit = "1".equals(unit()) || "bool".equals(unit()) ? "" : " " + unit();
            return key() + " must be between " + fmt(min()) + " and " + fmt(max()) + unit + " (was " + fmt(value) + ")";
        }
        if (kind() != Kind.REAL && value != Math.rint(value)) {
            return key() + " must be " + (kind() == Kind.BOOLEAN ? "a boolean (true or false)" : "a whole number")
                    + " (was " + fmt(value) + ")";
        }
        return null;
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
