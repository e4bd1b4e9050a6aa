package org.reportviewer.ui;

import io.grpc.ManagedChannel;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;

/** A target and the one channel (one HTTP/2 connection) every tab streaming from it shares. */
public record Connection(Target target, boolean embedded, ManagedChannel channel, ReportClient client) {

    public String label() {
        return target + (embedded ? " (embedded)" : "");
    }
}
