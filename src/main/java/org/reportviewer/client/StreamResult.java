package org.reportviewer.client;

import io.grpc.Status;

/** How a report stream ended: OK, or the status it failed with, and what it had delivered. */
public record StreamResult(Status status, StreamStats stats) {

    public boolean ok() {
        return status.isOk();
    }
}
