package io.crossbarlab.sim.preset;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete, validated assignment of values to the parameters of one catalog.
 *
 * @param <E> the parameter enum
 */
public final class ParameterValues<E extends Enum<E> & ParameterDef> {

    private final EnumMap<E, Double> values;

    ParameterValues(EnumMap<E, Double> values) {
        this.values = values;
    }

    public double get(E parameter) {
        return values.get(parameter);
    }

    public int getInt(E parameter) {
        return (int) Math.round(values.get(parameter));
    }

    public boolean getBoolean(E parameter) {
        return values.get(parameter) != 0.0;
    }

    /** Values keyed by camelCase name, in catalog order; booleans as Boolean, integers as Long. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(
                k.key(),
                switch (k.kind()) {
                    case BOOLEAN -> v != 0.0;
                    case INTEGER -> Math.round(v);
                    case REAL -> v;
                }));
        return Collections.unmodifiableMap(out);
    }
}
