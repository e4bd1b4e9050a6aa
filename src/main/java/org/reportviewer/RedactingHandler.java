package org.reportviewer;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;

/**
 * Masks bearer tokens before a record reaches {@code target}: at DEBUG, Netty's HTTP/2 frame logger
 * prints every header, {@code authorization} included.
 */
final class RedactingHandler extends Handler {

    private static final Pattern SECRET = Pattern.compile("(?i)(bearer\\s+|authorization[:=]\\s*)(?!bearer\\b)[^\\s,;\\]}\"']+");
    private static final SimpleFormatter MESSAGE = new SimpleFormatter();

    private final Handler target;

    RedactingHandler(Handler target) {
        this.target = target;
    }

    /** {@code text} with every bearer token replaced by {@code <redacted>}. */
    static String redact(String text) {
        return text == null ? null : SECRET.matcher(text).replaceAll("$1<redacted>");
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        // Format message and parameters first, so a token in a parameter is masked too.
        LogRecord safe = new LogRecord(record.getLevel(), redact(MESSAGE.formatMessage(record)));
        safe.setLoggerName(record.getLoggerName());
        safe.setInstant(record.getInstant());
        safe.setSourceClassName(record.getSourceClassName());
        safe.setSourceMethodName(record.getSourceMethodName());
        if (record.getThrown() != null) {
            Throwable t = record.getThrown();
            // The stack stays useful; only the text of the exception is masked.
            RuntimeException masked = new RuntimeException(redact(t.toString()));
            masked.setStackTrace(t.getStackTrace());
            safe.setThrown(masked);
        }
        target.publish(safe);
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public void close() {
        target.close();
    }
}
