package org.reportviewer.document;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a filter looks for: plain text or a regular expression, with or without case, in the whole line
 * (or row) or, for a CSV row, in one column.
 *
 * @param column the 0-based column to test, or {@link #ANY_COLUMN}
 */
public record FilterQuery(String text, boolean regex, boolean matchCase, int column) {

    public static final int ANY_COLUMN = -1;
    public static final FilterQuery NONE = new FilterQuery("", false, false, ANY_COLUMN);

    public FilterQuery {
        Objects.requireNonNull(text, "text");
        if (column < ANY_COLUMN) {
            throw new IllegalArgumentException("column " + column);
        }
    }

    /** An empty query filters nothing: every line is shown. */
    public boolean isEmpty() {
        return text.isEmpty();
    }

    /**
     * The test to run per line or row.
     *
     * @throws PatternSyntaxException for a bad regular expression (its message says where)
     */
    Test compile() {
        if (regex) {
            int flags = matchCase ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            return new RegexTest(Pattern.compile(text, flags));
        }
        return new TextTest(text, matchCase);
    }

    /** One compiled query; not thread-safe (a regex test reuses its Matcher). */
    abstract static class Test {
        /** Whether the raw UTF-8 bytes {@code buf[from, to)} match. */
        abstract boolean bytes(byte[] buf, int from, int to);

        /** Whether one decoded field matches. */
        abstract boolean text(String s);

        /**
         * Whether a whole row's bytes can be skipped without parsing its fields: true only when the
         * field test could not match any field either (plain text cannot match a field without matching
         * the row's bytes; a regex can, e.g. {@code ^x}).
         */
        abstract boolean rowRulesOutFields(byte[] buf, int from, int to);
    }

    private static final class TextTest extends Test {
        private final String needle;
        private final boolean matchCase;
        private final LineMatcher matcher;

        TextTest(String needle, boolean matchCase) {
            this.needle = needle;
            this.matchCase = matchCase;
            this.matcher = LineMatcher.of(needle, matchCase);
        }

        @Override
        boolean bytes(byte[] buf, int from, int to) {
            return matcher.matches(buf, from, to);
        }

        @Override
        boolean text(String s) {
            return matchCase ? s.contains(needle) : LineMatcher.indexOfIgnoreCase(s, needle, 0) >= 0;
        }

        @Override
        boolean rowRulesOutFields(byte[] buf, int from, int to) {
            return !matcher.matches(buf, from, to);
        }
    }

    private static final class RegexTest extends Test {
        private final Matcher matcher;

        RegexTest(Pattern pattern) {
            this.matcher = pattern.matcher("");
        }

        @Override
        boolean bytes(byte[] buf, int from, int to) {
            return text(new String(buf, from, to - from, StandardCharsets.UTF_8));
        }

        @Override
        boolean text(String s) {
            return matcher.reset(s).find();
        }

        @Override
        boolean rowRulesOutFields(byte[] buf, int from, int to) {
            return false;
        }
    }
}
