package io.crossbarlab.app.system;

/**
 * A rejected value as it may be repeated in a problem detail: at most {@link #MAX} characters, with
 * control, format and surrogate characters shown as {@code \\uXXXX}, so that an error message never
 * carries a large, invisible or direction-changing payload back to the client or into the logs.
 */
public final class Echo {

    static final int MAX = 64;

    private Echo() {}

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('\'');
        if (s.length() > MAX) {
            sb.append(" (").append(s.length() - MAX).append(" more characters)");
        }
        return sb.toString();
    }
}
