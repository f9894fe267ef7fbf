package io.crossbarlab.app.sweep;

import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The points of a sweep: maps from dotted spec path to JSON value, expanded from a grid, drawn from a
 * random space or given as a list. Expansion is deterministic: a grid in row-major order of its paths
 * (the last path varies fastest), a random space from its seed with {@link SplittableRandom} (whose
 * sequence the JDK specifies).
 */
final class Points {

    private Points() {}

    /** The points of {@code d}; throws {@link InvalidSpecException} for a malformed space. */
    static List<Map<String, JsonNode>> of(SweepDefinition d, int maxPoints) {
        int given = (d.grid() != null ? 1 : 0) + (d.random() != null ? 1 : 0) + (d.list() != null ? 1 : 0);
        if (given > 1) {
            throw new InvalidSpecException("grid", "give at most one of grid, random and list");
        }
        if (d.grid() != null) {
            return grid(d.grid(), maxPoints);
        }
        if (d.random() != null) {
            return random(d.random(), maxPoints);
        }
        if (d.list() != null) {
            return list(d.list(), "list", maxPoints);
        }
        return List.of(Map.of());
    }

    static List<Map<String, JsonNode>> list(List<? extends Map<String, JsonNode>> list, String field, int maxPoints) {
        if (list.isEmpty()) {
            throw new InvalidSpecException(field, "must hold at least one point");
        }
        if (list.size() > maxPoints) {
            throw SweepLimits.points(field, list.size(), maxPoints);
        }
        List<Map<String, JsonNode>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new InvalidSpecException(field + "[" + i + "]", "must be a map from spec path to value");
            }
            out.add(new LinkedHashMap<>(list.get(i)));
        }
        return out;
    }

    private static List<Map<String, JsonNode>> grid(Map<String, List<JsonNode>> grid, int maxPoints) {
        if (grid.isEmpty()) {
            throw new InvalidSpecException("grid", "must name at least one path");
        }
        List<String> paths = new ArrayList<>(grid.keySet());
        long count = 1;
        for (String path : paths) {
            List<JsonNode> values = grid.get(path);
            if (values == null || values.isEmpty()) {
                throw new InvalidSpecException("grid." + path, "must list at least one value");
            }
            count *= values.size();
            if (count > maxPoints) {
                throw SweepLimits.points("grid", count, maxPoints);
            }
        }
        List<Map<String, JsonNode>> out = new ArrayList<>((int) count);
        int[] index = new int[paths.size()];
        for (long k = 0; k < count; k++) {
            Map<String, JsonNode> point = new LinkedHashMap<>();
            for (int p = 0; p < paths.size(); p++) {
                point.put(paths.get(p), grid.get(paths.get(p)).get(index[p]));
            }
            out.add(point);
            for (int p = paths.size() - 1; p >= 0; p--) {
                if (++index[p] < grid.get(paths.get(p)).size()) {
                    break;
                }
                index[p] = 0;
            }
        }
        return out;
    }

    private static List<Map<String, JsonNode>> random(SweepDefinition.RandomSearch r, int maxPoints) {
        if (r.samples() > maxPoints) {
            throw SweepLimits.points("random.samples", r.samples(), maxPoints);
        }
        if (r.space().isEmpty()) {
            throw new InvalidSpecException("random.space", "must name at least one path");
        }
        List<InvalidSpecException.Violation> bad = new ArrayList<>();
        r.space().forEach((path, dim) -> {
            String problem = checkDimension(dim);
            if (problem != null) {
                bad.add(new InvalidSpecException.Violation("random.space." + path, problem));
            }
        });
        if (!bad.isEmpty()) {
            throw new InvalidSpecException(bad);
        }
        SplittableRandom rng = new SplittableRandom(r.seed());
        List<Map<String, JsonNode>> out = new ArrayList<>(r.samples());
        for (int k = 0; k < r.samples(); k++) {
            Map<String, JsonNode> point = new LinkedHashMap<>();
            r.space().forEach((path, dim) -> point.put(path, draw(dim, rng)));
            out.add(point);
        }
        return out;
    }

    private static String checkDimension(JsonNode dim) {
        if (dim != null && dim.isArray()) {
            return dim.isEmpty() ? "must list at least one value" : null;
        }
        if (dim == null || !dim.isObject()) {
            return "must be {\"min\", \"max\", \"log\", \"integer\"} or a list of values";
        }
        for (String name : dim.propertyNames()) {
            if (!List.of("min", "max", "log", "integer").contains(name)) {
                return "has an unknown field '" + name + "' (allowed: min, max, log, integer)";
            }
        }
        JsonNode min = dim.get("min");
        JsonNode max = dim.get("max");
        if (min == null || max == null || !min.isNumber() || !max.isNumber()) {
            return "needs numbers min and max";
        }
        for (String flag : List.of("log", "integer")) {
            if (dim.has(flag) && !dim.get(flag).isBoolean()) {
                return flag + " must be true or false";
            }
        }
        double lo = min.doubleValue();
        double hi = max.doubleValue();
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
            return "needs finite min ≤ max (was " + lo + ", " + hi + ")";
        }
        if (dim.path("log").asBoolean(false) && lo <= 0) {
            return "a log-uniform range needs min > 0 (was " + lo + ")";
        }
        return null;
    }

    private static JsonNode draw(JsonNode dim, SplittableRandom rng) {
        if (dim.isArray()) {
            return dim.get(rng.nextInt(dim.size()));
        }
        double lo = dim.get("min").doubleValue();
        double hi = dim.get("max").doubleValue();
        double u = rng.nextDouble();
        double x = dim.path("log").asBoolean(false)
                ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)))
                : lo + u * (hi - lo);
        if (dim.path("integer").asBoolean(false)) {
            return JsonNodeFactory.instance.numberNode(Math.round(Math.min(hi, Math.max(lo, x))));
        }
        return JsonNodeFactory.instance.numberNode(x);
    }
}
