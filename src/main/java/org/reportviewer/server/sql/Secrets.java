package org.reportviewer.server.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps database passwords out of every log line and status message: URLs are shown with their
 * password parts replaced, and any text that reaches a client or a log has the known passwords
 * masked, whatever the driver put in its exception message.
 */
final class Secrets {

    private static final String MASK = "***";
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password|pwd|passwd)=([^&;]*)");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*):([^/@]*)@");

    private final List<String> secrets = new ArrayList<>();

    /** Knows the password of the environment and any password inside {@code url}. */
    Secrets(String url, String password) {
        add(password);
        if (url != null) {
            Matcher m = URL_PASSWORD.matcher(url);
            while (m.find()) {
                add(m.group(2));
            }
            Matcher u = USER_INFO.matcher(url);
            while (u.find()) {
                add(u.group(2));
            }
        }
    }

    static Secrets none() {
        return new Secrets(null, null);
    }

    private void add(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
            // The URL-encoded form too, in case a driver echoes the raw URL.
            secrets.add(java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The URL with its password parts replaced by {@value #MASK}. */
    String redactUrl(String url) {
        String r = URL_PASSWORD.matcher(url).replaceAll("$1=" + MASK);
        r = USER_INFO.matcher(r).replaceAll("$1:" + MASK + "@");
        return scrub(r);
    }

    /** {@code text} with every known password masked. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
