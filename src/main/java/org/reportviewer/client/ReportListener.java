package org.reportviewer.client;

import com.google.protobuf.ByteString;
import io.grpc.Status;

/**
 * Receives one report stream. Calls come one at a time, in order, on a gRPC thread, never on a UI
 * thread. The next chunk is requested from the server only after {@link #onChunk} returns, so a slow
 * consumer slows the server down instead of filling memory.
 */
public interface ReportListener {

    /**
     * One chunk, already checked to be the next in order.
     *
     * @throws Exception to abandon the stream: it is cancelled and fails with INTERNAL
     */
    void onChunk(int chunkNumber, int totalChunks, ByteString data) throws Exception;

    /** The server finished the report and every chunk was delivered. */
    void onCompleted(StreamStats stats);

    /**
     * The stream ended early: CANCELLED (by {@link ReportCall#cancel()}), DEADLINE_EXCEEDED,
     * UNAVAILABLE, DATA_LOSS (a gap in chunk numbers), or whatever the server said.
     */
    void onFailed(Status status, StreamStats stats);
}
