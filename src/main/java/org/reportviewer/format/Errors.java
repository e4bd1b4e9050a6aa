package org.reportviewer.format;

/** The one walk down an exception's causes, for messages that should say what really went wrong. */
public final class Errors {

    private Errors() {}

    /** The innermost cause (the throwable itself when it has none); safe against cause loops. */
    public static Throwable rootCause(Throwable t) {
        Throwable root = t;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 64; depth++) {
            root = root.getCause();
        }
        return root;
    }

    /** The root cause's message, or its class name when it has none. */
    public static String rootMessage(Throwable t) {
        Throwable root = rootCause(t);
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }

    /** Whether {@code t} or one of its causes is a {@code type}. */
    public static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
