package org.reportviewer.ui;

/** Where one report stream stands. */
public enum StreamState {
    IDLE("Ready"),
    CONNECTING("Connecting"),
    STREAMING("Streaming"),
    COMPLETED("Completed"),
    CANCELLED("Cancelled"),
    FAILED("Failed");

    private final String label;

    StreamState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A call is in flight: Start is off, Cancel is on. */
    public boolean busy() {
        return this == CONNECTING || this == STREAMING;
    }

    /** The stream ended early: what arrived is a partial report. */
    public boolean partial() {
        return this == CANCELLED || this == FAILED;
    }
}
