package org.reportviewer.server.sql;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code name=value&...} part of a report id, percent-decoded as UTF-8 ({@code +} is a space, as
 * {@code URLEncoder} writes it; a literal plus is {@code %2B}). Strict: a bad escape or bytes that are
 * not UTF-8 are refused rather than guessed.
 */
final class QueryString {

    private QueryString() {}

    /**
     * @throws IllegalArgumentException saying what is malformed (names a parameter where it can)
     */
    static Map<String, String> parse(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair + "' is not name=value");
            }
            String name = decode(pair.substring(0, eq), "a parameter name");
            String value = decode(pair.substring(eq + 1), "parameter '" + name + "'");
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' is given twice");
            }
        }
        return values;
    }

    private static String decode(String s, String what) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new IllegalArgumentException(what + ": '%' must be followed by two hex digits");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid UTF-8 once decoded");
        }
    }
}
