package io.crossbarlab.app.system;

import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code label=key=value} filters of a list request, checked as labels are when they are set. */
public final class LabelFilters {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private LabelFilters() {}

    /**
     * The filters as a map; a 400 naming {@code label} for more than {@code max} of them, a malformed
     * key or value, or a key given twice.
     */
    public static Map<String, String> parse(List<String> label, int max) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (label == null) {
            return labels;
        }
        if (label.size() > max) {
            throw new InvalidSpecException(
                    "label", "at most " + max + " label filters per request (was " + label.size() + ")");
        }
        for (String kv : label) {
            int eq = kv.indexOf('=');
            if (eq < 1 || !KEY.matcher(kv.substring(0, eq)).matches()) {
                throw new InvalidSpecException(
                        "label",
                        "must be key=value with a key of 1-100 characters of [A-Za-z0-9._-] (was " + Echo.of(kv) + ")");
            }
            String value = kv.substring(eq + 1);
            if (value.length() > 200 || !PlainText.Validator.isPlain(value)) {
                throw new InvalidSpecException(
                        "label", "values are at most 200 characters of plain text (was " + Echo.of(value) + ")");
            }
            if (labels.put(kv.substring(0, eq), value) != null) {
                throw new InvalidSpecException(
                        "label", "filters key '" + kv.substring(0, eq) + "' twice; a label has one value per key");
            }
        }
        return labels;
    }
}
