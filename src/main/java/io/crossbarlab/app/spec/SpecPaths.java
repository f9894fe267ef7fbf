package io.crossbarlab.app.spec;

import io.crossbarlab.app.system.JsonErrors;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unresolved spec addressed by dotted paths, as its JSON is written: {@code training.learningRate},
 * {@code device.overrides.gainFactor}, {@code network.layers[1]}. The same names the validation
 * errors use ({@link InvalidSpecException}), so a value set here that is out of range comes back
 * naming the path it was set at. Values are JSON values and go through the strict mapper: a string
 * where a number belongs is refused, as in a request body.
 */
public final class SpecPaths {

    /** A path segment: a property name, optionally followed by one array index. */
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\[(\\d{1,4})])?");

    private SpecPaths() {}

    /** {@code base} with each path set to its value (in order); the base is not changed. */
    public static SimulationSpec with(JsonMapper json, SimulationSpec base, Map<String, JsonNode> values) {
        ObjectNode tree = json.valueToTree(base);
        List<InvalidSpecException.Violation> bad = new ArrayList<>();
        values.forEach((path, value) -> {
            String problem = set(tree, path, value);
            if (problem != null) {
                bad.add(new InvalidSpecException.Violation(path, problem));
            }
        });
        if (!bad.isEmpty()) {
            throw new InvalidSpecException(bad);
        }
        try {
            return json.treeToValue(tree, SimulationSpec.class);
        } catch (JacksonException e) {
            throw new InvalidSpecException(List.of(JsonErrors.describe(e)));
        }
    }

    /** The value at {@code path} in {@code spec}'s JSON, or null when it is absent. */
    public static JsonNode get(JsonMapper json, SimulationSpec spec, String path) {
        JsonNode node = json.valueToTree(spec);
        for (String segment : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (node == null || !m.matches()) {
                return null;
            }
            node = node.get(m.group(1));
            if (node != null && m.group(2) != null) {
                node = node.get(Integer.parseInt(m.group(2)));
            }
        }
        return node == null || node.isNull() ? null : node;
    }

    /** Sets one path in the tree, creating absent objects on the way; returns a problem or null. */
    private static String set(ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.", -1);
        ObjectNode node = root;
        for (int k = 0; k < segments.length; k++) {
            Matcher m = SEGMENT.matcher(segments[k]);
            if (!m.matches()) {
                return "is not a spec path: write field names joined by dots, with an optional [index], "
                        + "e.g. device.overrides.gainFactor or network.layers[1]";
            }
            String name = m.group(1);
            boolean last = k == segments.length - 1;
            if (m.group(2) != null) {
                int index = Integer.parseInt(m.group(2));
                JsonNode array = node.get(name);
                if (!(array instanceof ArrayNode a) || index >= a.size()) {
                    return "has no element " + index + " in the base spec ("
                            + (array instanceof ArrayNode a2 ? a2.size() + " elements" : "not a list") + ")";
                }
                if (!last) {
                    return "can index only a list of numbers, as its last segment";
                }
                ((ArrayNode) array).set(index, value);
                return null;
            }
            if (last) {
                node.set(name, value);
                return null;
            }
            JsonNode child = node.get(name);
            if (child == null || child.isNull()) {
                child = node.putObject(name);
            }
            if (!(child instanceof ObjectNode o)) {
                return "goes through '" + name + "', which is not an object";
            }
            node = o;
        }
        return null;
    }
}
