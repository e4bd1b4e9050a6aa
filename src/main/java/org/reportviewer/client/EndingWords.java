package org.reportviewer.client;

import io.grpc.Status;
import java.time.Duration;

/** A session's final status in the user's words where gRPC's own are meant for gRPC developers. */
final class EndingWords {

    private EndingWords() {}

    /**
     * @param deadline the session's deadline, or {@code null}
     * @param cancelReason why we cancelled, or {@code null} when we did not
     */
    static Status of(Status status, Duration deadline, String cancelReason) {
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && deadline != null) {
            // Not "CallOptions deadline exceeded after 0.17s. Name resolution delay …".
            status = Status.DEADLINE_EXCEEDED.withDescription("the deadline of " + deadline.toMillis()
                    + " ms passed before the report was complete");
        }
        if (cancelReason != null && !status.isOk()) {
            // Our own cancel: say why, not gRPC's "Context was cancelled without error".
            status = Status.CANCELLED.withDescription(status.getCode() == Status.Code.CANCELLED ? cancelReason
                    : cancelReason + " while waiting to reconnect after " + status.getCode()
                            + (status.getDescription() == null ? "" : ": " + status.getDescription()));
        }
        return status;
    }
}
