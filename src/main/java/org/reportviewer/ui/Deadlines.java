package org.reportviewer.ui;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The deadline field: empty for none, else a number with an optional unit (ms, s, m, h; default s). */
public final class Deadlines {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s|m|min|h)?",
            Pattern.CASE_INSENSITIVE);

    private Deadlines() {}

    /**
     * @return the deadline, or {@code null} for none
     * @throws IllegalArgumentException with a readable message for anything else
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return null;
        }
        Matcher m = TEXT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("deadline '" + text + "' is not a duration (e.g. 30s, 500ms, 2m; empty for none)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        long millis = Math.round(v * switch (unit) {
            case "ms" -> 1;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1000;
        });
        if (millis <= 0) {
            throw new IllegalArgumentException("deadline must be more than 0 (empty for none)");
        }
        return Duration.ofMillis(millis);
    }
}
