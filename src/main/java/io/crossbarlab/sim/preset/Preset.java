package io.crossbarlab.sim.preset;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A named, cited set of values for every parameter of one catalog (an enum of {@link ParameterDef}).
 *
 * @param <E> the parameter enum
 */
public final class Preset<E extends Enum<E> & ParameterDef> {

    private final String name;
    private final String description;
    private final String citation;
    private final Map<E, PresetValue> values;

    public Preset(String name, String description, String citation, Map<E, PresetValue> values) {
        this.name = name;
        this.description = description;
        this.citation = citation;
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
        for (E def : def(values).getEnumConstants()) {
            PresetValue v = values.get(def);
            if (v == null) {
                throw new IllegalStateException("preset " + name + " lacks " + def.key());
            }
            String problem = def.check(v.value());
            if (problem != null) {
                throw new IllegalStateException("preset " + name + ": " + problem);
            }
        }
    }

    private static <E extends Enum<E>> Class<E> def(Map<E, ?> values) {
        return values.keySet().iterator().next().getDeclaringClass();
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String citation() {
        return citation;
    }

    public Map<E, PresetValue> values() {
        return values;
    }

    /**
     * This preset's values with overrides applied. Every override is checked against its parameter's
     * kind and range; all problems are reported together, each under {@code fieldPrefix + key}.
     */
    public ParameterValues<E> resolve(Map<String, ?> overrides, String fieldPrefix) {
        Class<E> type = def(values);
        EnumMap<E, Double> resolved = new EnumMap<>(type);
        values.forEach((k, v) -> resolved.put(k, v.value()));
        List<InvalidSpecException.Violation> violations = new ArrayList<>();
        if (overrides != null) {
            overrides.forEach((key, raw) -> {
                E def = byKey(type, key);
                if (def == null) {
                    violations.add(new InvalidSpecException.Violation(
                            fieldPrefix + key, "unknown parameter; known: " + keys(type)));
                    return;
                }
                Double value = toDouble(raw, def.kind());
                if (value == null) {
                    violations.add(new InvalidSpecException.Violation(
                            fieldPrefix + key,
                            switch (def.kind()) {
                                case BOOLEAN -> "must be a boolean (true or false)";
                                case INTEGER -> "must be an integer, written without a fraction or exponent";
                                case REAL -> "must be a number";
                            }));
                    return;
                }
                String problem = def.check(value);
                if (problem != null) {
                    violations.add(new InvalidSpecException.Violation(fieldPrefix + key, problem));
                    return;
                }
                resolved.put(def, value);
            });
        }
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        return new ParameterValues<>(resolved);
    }

    /**
     * The value of an override if its JSON type fits the parameter's kind, else null: a boolean for a
     * switch, an integer (no fraction, no exponent) for an integer, any number for a real. No
     * coercion: {@code true} is not 1 and {@code 3.0} is not an integer.
     */
    private static Double toDouble(Object raw, ParameterDef.Kind kind) {
        return switch (kind) {
            case BOOLEAN -> raw instanceof Boolean b ? (b ? 1.0 : 0.0) : null;
            case INTEGER ->
                raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof BigInteger
                        ? ((Number) raw).doubleValue()
                        : null;
            case REAL -> raw instanceof Number n ? n.doubleValue() : null;
        };
    }

    /** The parameter of {@code type} called {@code key}, or null. */
    public static <E extends Enum<E> & ParameterDef> E byKey(Class<E> type, String key) {
        for (E e : type.getEnumConstants()) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    private static <E extends Enum<E> & ParameterDef> String keys(Class<E> type) {
        List<String> keys = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            keys.add(e.key());
        }
        return String.join(", ", keys);
    }
}
