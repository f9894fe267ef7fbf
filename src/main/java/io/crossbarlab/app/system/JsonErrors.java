package io.crossbarlab.app.system;

import io.crossbarlab.sim.preset.InvalidSpecException.Violation;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What was wrong with a request body, in the client's terms: the JSON path of the field, the JSON
 * type expected there and what was sent instead. Never a Java or Jackson type name.
 */
public final class JsonErrors {

    private static final Pattern BACKTICKED = Pattern.compile("`[^`]*`");
    private static final Pattern SOURCE =
            Pattern.compile("\\s*\\(?(?:\\[Source:|start marker at|from `).*", Pattern.DOTALL);
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*");

    private JsonErrors() {}

    public static Violation describe(JacksonException e) {
        String path = path(e);
        String field = path.isEmpty() ? "body" : path;
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            String name = field.equals("body") ? u.getPropertyName() : field;
            return new Violation(
                    name, "unknown property" + (known.isEmpty() ? "" : "; known: " + String.join(", ", known)));
        }
        if (e instanceof InvalidNullException) {
            return new Violation(field, "must not be null");
        }
        if (e instanceof MismatchedInputException m) {
            String original = String.valueOf(m.getOriginalMessage());
            if (original.startsWith("Trailing token")) {
                return new Violation("body", "has data after the end of the JSON value");
            }
            if (original.startsWith("No content to map") || original.contains("end-of-input")) {
                return new Violation("body", "is required");
            }
            String expected = jsonType(m.getTargetType());
            String found = describe(m.getCurrentToken());
            return new Violation(field, "must be " + expected + (found == null ? "" : " (was " + found + ")"));
        }
        if (e instanceof InputCoercionException c) {
            return new Violation(
                    field,
                    "is out of range for " + (c.getTargetType() == Long.TYPE ? "a 64-bit" : "a 32-bit") + " integer");
        }
        if (e instanceof StreamConstraintsException) {
            return new Violation(field, "exceeds a limit of this service: " + clean(e.getOriginalMessage()));
        }
        if (e instanceof StreamReadException) {
            String original = String.valueOf(e.getOriginalMessage());
            if (original.startsWith("Duplicate Object property")) {
                return new Violation(field, "a key is given twice: " + clean(original));
            }
            return new Violation("body", "is not valid JSON" + at(e.getLocation()) + ": " + clean(original));
        }
        return new Violation(field, "has an invalid value");
    }

    private static String at(TokenStreamLocation l) {
        if (l == null || l.getLineNr() < 0) {
            return "";
        }
        return " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** A Jackson message without type names, source excerpts or anything after its first line. */
    static String clean(String message) {
        if (message == null) {
            return "";
        }
        String s = message;
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl);
        }
        s = SOURCE.matcher(s).replaceAll("");
        s = s.replaceAll("[,(:\\s]+$", "");
        s = BACKTICKED.matcher(s).replaceAll("the value");
        s = QUALIFIED_NAME.matcher(s).replaceAll("the value");
        return s.trim();
    }

    private static String jsonType(Class<?> c) {
        if (c == null) {
            return "of another JSON type";
        }
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class || c == Short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(c) || c == double.class || c == float.class) {
            return "a number";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "a boolean";
        }
        if (CharSequence.class.isAssignableFrom(c) || c.isEnum()) {
            return "a string";
        }
        if (List.class.isAssignableFrom(c) || c.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(c) || c.isRecord() || c == Object.class) {
            return "an object";
        }
        return "of another JSON type";
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> null;
        };
    }

    /** The JSON path of the value that failed, as {@code training.epochs} or {@code network.layers[1]}. */
    static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
