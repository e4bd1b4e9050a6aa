package org.reportviewer.client;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.IOException;

/**
 * Where the chunks of one report go, across as many connections as it takes. A sink knows which
 * chunk it needs next, so a reconnect (or a later run) can ask the server for exactly that one.
 * Used from one thread at a time.
 */
public interface ChunkSink {

    /** The chunk to ask for next: everything before it is held. */
    int nextChunk();

    /** Report bytes held, including those a resumed sink started with. */
    long bytes();

    /** Chunks in the whole report as the server said, or 0 while unknown. */
    int totalChunks();

    /** Whether the sink already holds the whole report (only known when the server sends totals). */
    default boolean complete() {
        return totalChunks() > 0 && nextChunk() >= totalChunks();
    }

    /**
     * Appends chunk {@code chunkNumber}, which must be {@link #nextChunk()}.
     *
     * @throws IOException when the data cannot be kept; the stream is then abandoned, not retried
     */
    void write(int chunkNumber, int totalChunks, ByteString data) throws IOException;

    /** The whole report has arrived: make it final (flush, rename into place, ...). */
    void finish() throws IOException;

    /** The stream ended early: keep what has arrived so that a later run can resume it. */
    void abandon() throws IOException;

    /**
     * Finishes after OK, else abandons; a sink that cannot do so turns the outcome into INTERNAL
     * saying what was lost.
     */
    default Status settle(Status outcome) {
        try {
            if (outcome.isOk()) {
                finish();
            } else {
                abandon();
            }
            return outcome;
        } catch (IOException e) {
            String what = outcome.isOk() ? "the report arrived but could not be saved: "
                    : "the stream failed (" + outcome.getCode() + ") and the partial report could not be kept: ";
            return Status.INTERNAL.withDescription(what + e.getMessage()).withCause(e);
        }
    }
}
