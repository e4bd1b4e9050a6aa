package org.reportviewer.server;

import com.google.protobuf.ByteString;
import io.grpc.StatusException;
import java.io.IOException;

/**
 * One opened report: a finite sequence of chunks. Implementations are used by one stream at a time
 * and are closed when that stream ends, however it ends.
 */
public interface Report extends AutoCloseable {

    /** Number of chunks in the whole report, or 0 when not known in advance. */
    int totalChunks();

    /** The usual size of a chunk in bytes, or 0 when not known: lets the server size its send queue. */
    default int chunkBytes() {
        return 0;
    }

    /** Simulated production time between two chunks, in nanoseconds (0: as fast as the client reads). */
    default long delayNanos() {
        return 0;
    }

    /**
     * The data of chunk {@code index}, or {@code null} when the report has fewer chunks. Called with
     * increasing indexes, from the requested start chunk on.
     *
     * @throws StatusException when the report fails with a status the client should see (a database
     *     error, a resume the report cannot do)
     */
    ByteString chunk(int index) throws IOException, StatusException;

    /**
     * Stops work in progress at once (the call was cancelled, its deadline passed, or the server is
     * shutting down). Called from another thread than {@link #chunk}, possibly while it blocks, so a
     * report whose chunks come from slow work (a database query) can interrupt it.
     *
     * @return a note for the access log about what was stopped, or null when there was nothing to stop
     */
    default String cancel() {
        return null;
    }

    @Override
    default void close() throws IOException {}
}
