package io.crossbarlab.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format, version 0.0.4 (the format of {@code
 * /actuator/prometheus} for a plain scrape), so that the exposition is checked in-process on every
 * machine; {@code promtool check metrics} is an extra check where it is installed.
 *
 * <p>{@link #errors} are violations of the format that make a scrape fail or be ambiguous: a line that
 * does not parse, a TYPE or HELP given twice or after the family's samples, a family split into two
 * groups, a series given twice, a histogram without its {@code +Inf} bucket, with decreasing buckets or
 * with a {@code _count} other than its {@code +Inf} bucket. {@link #lint} are the naming rules promtool
 * reports as problems (help text, {@code _total} on counters and only on counters, snake case, base
 * units, reserved suffixes).
 */
final class ExpositionFormat {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern CAMEL = Pattern.compile("[a-z][A-Z]");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Map<String, String> NON_BASE_UNITS = Map.ofEntries(
            Map.entry("milliseconds", "seconds"),
            Map.entry("microseconds", "seconds"),
            Map.entry("nanoseconds", "seconds"),
            Map.entry("minutes", "seconds"),
            Map.entry("hours", "seconds"),
            Map.entry("days", "seconds"),
            Map.entry("kilobytes", "bytes"),
            Map.entry("megabytes", "bytes"),
            Map.entry("gigabytes", "bytes"),
            Map.entry("kibibytes", "bytes"),
            Map.entry("mebibytes", "bytes"),
            Map.entry("gibibytes", "bytes"),
            Map.entry("percent", "ratio"),
            Map.entry("celsius", "celsius is fine only for temperatures; prefer kelvin"));

    /** A metric family as read: its type, help and samples. */
    record Family(String name, String type, String help, List<Sample> samples) {}

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    private ExpositionFormat() {}

    /** Reads {@code text}; never throws on bad input, it records errors instead. */
    static ExpositionFormat read(String text) {
        ExpositionFormat f = new ExpositionFormat();
        f.parse(text);
        f.checkHistograms();
        return f;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    Map<String, Family> families() {
        return families;
    }

    /** Promtool's naming findings for the families whose name starts with {@code prefix}. */
    List<String> lint(String prefix) {
        List<String> out = new ArrayList<>();
        for (Family fam : families.values()) {
            String n = fam.name();
            if (!n.startsWith(prefix)) {
                continue;
            }
            if (fam.help() == null || fam.help().isBlank()) {
                out.add(n + ": no help text");
            }
            if ("counter".equals(fam.type()) && !n.endsWith("_total")) {
                out.add(n + ": counter metrics should have \"_total\" suffix");
            }
            if (!"counter".equals(fam.type()) && n.endsWith("_total")) {
                out.add(n + ": non-counter metrics should not have \"_total\" suffix");
            }
            if (CAMEL.matcher(n).find()) {
                out.add(n + ": metric names should be written in 'snake_case' not 'camelCase'");
            }
            for (String part : n.split("_", -1)) {
                String base = NON_BASE_UNITS.get(part.toLowerCase(Locale.ROOT));
                if (base != null) {
                    out.add(n + ": use base unit \"" + base + "\" instead of \"" + part + "\"");
                }
            }
            boolean histogramLike = "histogram".equals(fam.type()) || "summary".equals(fam.type());
            for (String suffix : List.of("_bucket", "_count", "_sum")) {
                if (!histogramLike && n.endsWith(suffix)) {
                    out.add(n + ": non-histogram and non-summary metrics should not have \"" + suffix + "\" suffix");
                }
            }
            for (Sample s : fam.samples()) {
                for (String label : s.labels().keySet()) {
                    if (CAMEL.matcher(label).find()) {
                        out.add(n + ": label names should be written in 'snake_case' not 'camelCase' (" + label + ")");
                    }
                }
            }
        }
        return out;
    }

    private void parse(String text) {
        String current = null; // family whose lines are being read
        Set<String> closed = new HashSet<>(); // families whose group has ended
        Set<String> series = new HashSet<>();
        Map<String, Boolean> hadSample = new HashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + lineNo + ": ";
            if (line.startsWith("#")) {
                String[] t = line.substring(1).trim().split("[ \t]+", 3);
                if (t.length < 2 || !(t[0].equals("HELP") || t[0].equals("TYPE"))) {
                    continue; // a plain comment
                }
                String name = t[1];
                if (!METRIC_NAME.matcher(name).matches()) {
                    errors.add(where + "invalid metric name in " + t[0] + ": " + name);
                    continue;
                }
                if (closed.contains(name) && !name.equals(current)) {
                    errors.add(where + t[0] + " for " + name + " after its group ended");
                }
                if (current != null && !current.equals(name)) {
                    closed.add(current);
                }
                current = name;
                Family fam = families.computeIfAbsent(name, k -> new Family(k, null, null, new ArrayList<>()));
                if (t[0].equals("HELP")) {
                    if (fam.help() != null) {
                        errors.add(where + "second HELP line for " + name);
                    }
                    String help = t.length > 2 ? t[2] : "";
                    if (!validEscapes(help, false)) {
                        errors.add(where + "invalid escape in HELP of " + name);
                    }
                    families.put(name, new Family(name, fam.type(), help, fam.samples()));
                } else {
                    if (fam.type() != null) {
                        errors.add(where + "second TYPE line for " + name);
                    }
                    if (hadSample.getOrDefault(name, false)) {
                        errors.add(where + "TYPE for " + name + " after its samples");
                    }
                    String type = t.length > 2 ? t[2].trim() : "";
                    if (!TYPES.contains(type)) {
                        errors.add(where + "unknown metric type '" + type + "' for " + name);
                    }
                    families.put(name, new Family(name, type, fam.help(), fam.samples()));
                }
                continue;
            }
            Sample s = sample(line, where);
            if (s == null) {
                continue;
            }
            String family = familyOf(s.name());
            if (current != null && !current.equals(family)) {
                closed.add(current);
            }
            if (closed.contains(family)) {
                errors.add(where + "samples of " + family + " are not in one group");
            }
            current = family;
            hadSample.put(family, true);
            Family fam = families.computeIfAbsent(family, k -> new Family(k, null, null, new ArrayList<>()));
            fam.samples().add(s);
            String key = s.name() + new TreeMap<>(s.labels());
            if (!series.add(key)) {
                errors.add(where + "duplicate series " + key);
            }
        }
    }

    /** The family a sample belongs to: histogram and summary suffixes map to their declared family. */
    private String familyOf(String sampleName) {
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                Family f = families.get(base);
                if (f != null && ("histogram".equals(f.type()) || "summary".equals(f.type()))) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private Sample sample(String line, String where) {
        int i = 0;
        int n = line.length();
        while (i < n && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == ':')) {
            i++;
        }
        String name = line.substring(0, i);
        if (!METRIC_NAME.matcher(name).matches()) {
            errors.add(where + "invalid metric name: " + line);
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (true) {
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int start = i;
                while (i < n && line.charAt(i) != '=') {
                    i++;
                }
                String label = line.substring(start, i).trim();
                if (i >= n || !LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                    errors.add(where + "invalid label name '" + label + "'");
                    return null;
                }
                i++;
                if (i >= n || line.charAt(i) != '"') {
                    errors.add(where + "label value of " + label + " is not quoted");
                    return null;
                }
                i++;
                StringBuilder value = new StringBuilder();
                boolean closedQuote = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        if (i >= n) {
                            break;
                        }
                        char e = line.charAt(i++);
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> {
                                errors.add(where + "invalid escape \\" + e + " in label " + label);
                                return null;
                            }
                        }
                    } else if (c == '"') {
                        closedQuote = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closedQuote) {
                    errors.add(where + "unterminated label value of " + label);
                    return null;
                }
                if (labels.put(label, value.toString()) != null) {
                    errors.add(where + "label " + label + " given twice");
                    return null;
                }
                if (i < n && line.charAt(i) == ',') {
                    i++;
                } else if (i < n && line.charAt(i) == '}') {
                    i++;
                    break;
                } else {
                    errors.add(where + "expected ',' or '}' after label " + label);
                    return null;
                }
            }
        }
        String rest = line.substring(i);
        if (rest.isEmpty() || !(rest.charAt(0) == ' ' || rest.charAt(0) == '\t')) {
            errors.add(where + "expected whitespace and a value after " + name);
            return null;
        }
        String[] parts = rest.trim().split("[ \t]+", -1);
        if (parts.length > 2) {
            errors.add(where + "trailing data after value and timestamp");
            return null;
        }
        Double value = number(parts[0]);
        if (value == null) {
            errors.add(where + "invalid value '" + parts[0] + "'");
            return null;
        }
        if (parts.length == 2) {
            try {
                Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                errors.add(where + "invalid timestamp '" + parts[1] + "'");
                return null;
            }
        }
        return new Sample(name, labels, value);
    }

    private static Double number(String s) {
        switch (s) {
            case "NaN", "Nan", "nan" -> {
                return Double.NaN;
            }
            case "+Inf", "Inf", "+inf", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {}
        }
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        return Double.parseDouble(s);
    }

    private static boolean validEscapes(String s, boolean quoteAllowed) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                if (i + 1 >= s.length()) {
                    return false;
                }
                char e = s.charAt(++i);
                if (!(e == '\\' || e == 'n' || (quoteAllowed && e == '"'))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void checkHistograms() {
        for (Family fam : families.values()) {
            if (!"histogram".equals(fam.type())) {
                continue;
            }
            // group the buckets of each series by its labels without le
            Map<Map<String, String>, TreeMap<Double, Double>> buckets = new HashMap<>();
            Map<Map<String, String>, Double> counts = new HashMap<>();
            for (Sample s : fam.samples()) {
                Map<String, String> key = new TreeMap<>(s.labels());
                if (s.name().equals(fam.name() + "_bucket")) {
                    String le = key.remove("le");
                    Double bound = le == null ? null : number(le);
                    if (bound == null) {
                        errors.add(fam.name() + ": bucket without a valid le label");
                        continue;
                    }
                    buckets.computeIfAbsent(key, k -> new TreeMap<>()).put(bound, s.value());
                } else if (s.name().equals(fam.name() + "_count")) {
                    counts.put(key, s.value());
                } else if (!s.name().equals(fam.name() + "_sum")) {
                    errors.add(fam.name() + ": unexpected sample " + s.name() + " in a histogram");
                }
            }
            for (var e : buckets.entrySet()) {
                TreeMap<Double, Double> b = e.getValue();
                if (!b.containsKey(Double.POSITIVE_INFINITY)) {
                    errors.add(fam.name() + e.getKey() + ": histogram has no +Inf bucket");
                    continue;
                }
                double previous = Double.NEGATIVE_INFINITY;
                for (double c : b.values()) {
                    if (c < previous) {
                        errors.add(fam.name() + e.getKey() + ": bucket counts decrease");
                        break;
                    }
                    previous = c;
                }
                Double count = counts.get(e.getKey());
                if (count == null || count.doubleValue() != b.get(Double.POSITIVE_INFINITY)) {
                    errors.add(fam.name() + e.getKey() + ": _count differs from the +Inf bucket");
                }
            }
        }
    }
}
