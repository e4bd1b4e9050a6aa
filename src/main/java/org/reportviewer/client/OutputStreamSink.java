package org.reportviewer.client;

import com.google.protobuf.ByteString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a report to a stream such as stdout. Buffered, and written with {@link ByteString#writeTo}
 * so chunk data is not copied again; flushed after every chunk only when someone watches live (a
 * terminal), because per-chunk flushes cost a system call each.
 */
public final class OutputStreamSink extends OrderedChunkSink {

    private static final int BUFFER = 64 << 10;

    private final OutputStream out;
    private final boolean flushEachChunk;

    /**
     * @param out not closed by this sink
     * @param startChunk the first chunk expected
     */
    public OutputStreamSink(OutputStream out, int startChunk, boolean flushEachChunk) {
        super(startChunk, 0, 0);
        this.out = new BufferedOutputStream(out, BUFFER);
        this.flushEachChunk = flushEachChunk;
    }

    @Override
    protected void store(ByteString data) throws IOException {
        data.writeTo(out);
        if (flushEachChunk) {
            out.flush();
        }
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    @Override
    public void abandon() throws IOException {
        out.flush();
    }
}
