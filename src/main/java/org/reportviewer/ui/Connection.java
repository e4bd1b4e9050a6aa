package org.reportviewer.ui;

import io.grpc.ManagedChannel;
import org.reportviewer.client.ConnectionSpec;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;

/**
 * A target and the one channel (one HTTP/2 connection) every tab streaming from it shares.
 *
 * @param spec how the channel was made (TLS, CA, token); its {@code toString} never shows the token
 */
public record Connection(Target target, boolean embedded, ManagedChannel channel, ReportClient client,
        ConnectionSpec spec) {

    /** A plaintext connection without a token. */
    public Connection(Target target, boolean embedded, ManagedChannel channel, ReportClient client) {
        this(target, embedded, channel, client, ConnectionSpec.plaintext(target));
    }

    public String label() {
        return target + (embedded ? " (embedded)" : "") + (spec.tls() ? " (TLS)" : "");
    }
}
