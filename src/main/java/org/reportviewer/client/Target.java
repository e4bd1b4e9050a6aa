package org.reportviewer.client;

/** A server address written {@code HOST:PORT} ({@code [::1]:50051} for IPv6 literals). */
public record Target(String host, int port) {

    public Target {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    /** @throws IllegalArgumentException with a readable message when the text is not HOST:PORT */
    public static Target parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (e.g. localhost:50051)");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new Target(host, Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port (e.g. localhost:50051)");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
