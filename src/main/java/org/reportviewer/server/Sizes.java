package org.reportviewer.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reportviewer.format.Units;

/** Parses and prints byte sizes such as {@code 64KiB}, {@code 1GiB}, {@code 100B} or {@code 4096}. */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {}

    /** @throws IllegalArgumentException with a readable message when the text is not a size */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (use e.g. 100B, 64KiB, 10MiB, 1GiB)");
        }
        long unit = switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** A short human form: 512 B, 64.0 KiB, 1.00 GiB (see {@link Units#bytes}). */
    public static String format(long bytes) {
        return Units.bytes(bytes);
    }
}
