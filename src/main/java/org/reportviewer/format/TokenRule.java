package org.reportviewer.format;

import java.util.regex.Pattern;

/**
 * The rule for bearer tokens on both sides (client and server): 1-4096 visible ASCII characters, so
 * a token fits an HTTP/2 header value unchanged. A broken rule is a typed {@link Invalid}, so each
 * front end words it for its own input (the CLI names {@code --token}) without editing a message.
 */
public final class TokenRule {

    /** What the rule asks, without naming where the token came from. */
    public static final String REQUIREMENT = "must be 1-4096 visible ASCII characters (no spaces or control characters)";

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,4096}");

    private TokenRule() {}

    /** @throws Invalid naming the rule, never the token */
    public static void check(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new Invalid();
        }
    }

    /** A token that breaks the rule; the message reads "the token must be ...". */
    public static final class Invalid extends IllegalArgumentException {
        Invalid() {
            super("the token " + REQUIREMENT);
        }

        /** The message with {@code subject} in place of "the token", e.g. {@code --token}. */
        public String messageFor(String subject) {
            return subject + " " + REQUIREMENT;
        }
    }
}
