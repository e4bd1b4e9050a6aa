package org.reportviewer.document;

import java.nio.charset.StandardCharsets;

/**
 * Tests one line's raw bytes for a needle without decoding them when it can: an exact search on the
 * needle's UTF-8 bytes, or an ASCII case fold when the needle is ASCII. Only a case-insensitive search
 * for a non-ASCII needle decodes the line.
 */
public abstract class LineMatcher {

    abstract boolean matches(byte[] buf, int from, int to);

    static LineMatcher of(String needle, boolean matchCase) {
        boolean ascii = needle.chars().allMatch(c -> c < 0x80);
        if (matchCase) {
            return new Bytes(needle.getBytes(StandardCharsets.UTF_8), false);
        }
        if (ascii) {
            return new Bytes(needle.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII), true);
        }
        return new Decoded(needle);
    }

    /** Case-insensitive match of {@code needle} in {@code text}, the same rule the view highlights with. */
    public static int indexOfIgnoreCase(String text, String needle, int from) {
        int last = text.length() - needle.length();
        for (int i = Math.max(0, from); i <= last; i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Index of {@code needle} in {@code text} from {@code from}, or -1, with or without case. */
    public static int indexOf(String text, String needle, int from, boolean matchCase) {
        return matchCase ? text.indexOf(needle, from) : indexOfIgnoreCase(text, needle, from);
    }

    private static final class Bytes extends LineMatcher {
        private final byte[] needle;
        private final boolean foldAscii;

        Bytes(byte[] needle, boolean foldAscii) {
            this.needle = needle;
            this.foldAscii = foldAscii;
        }

        private static byte lower(byte b) {
            return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }

        @Override
        boolean matches(byte[] buf, int from, int to) {
            byte first = needle[0];
            int last = to - needle.length;
            outer:
            for (int i = from; i <= last; i++) {
                byte b = foldAscii ? lower(buf[i]) : buf[i];
                if (b != first) {
                    continue;
                }
                for (int k = 1; k < needle.length; k++) {
                    byte c = foldAscii ? lower(buf[i + k]) : buf[i + k];
                    if (c != needle[k]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    private static final class Decoded extends LineMatcher {
        private final String needle;

        Decoded(String needle) {
            this.needle = needle;
        }

        @Override
        boolean matches(byte[] buf, int from, int to) {
            String line = new String(buf, from, to - from, StandardCharsets.UTF_8);
            return indexOfIgnoreCase(line, needle, 0) >= 0;
        }
    }
}
