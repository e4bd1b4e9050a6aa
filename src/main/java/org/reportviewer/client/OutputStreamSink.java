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
public final class OutputStreamSink implements ChunkSink {

    private static final int BUFFER = 64 << 10;

    private final OutputStream out;
    private final boolean flushEachChunk;
    private int next;
    private long bytes;
    private int total;

    /**
     * @param out not closed by this sink
     * @param startChunk the first chunk expected
     */
    public OutputStreamSink(OutputStream out, int startChunk, boolean flushEachChunk) {
        this.out = new BufferedOutputStream(out, BUFFER);
        this.next = startChunk;
        this.flushEachChunk = flushEachChunk;
    }

    @Override
    public int nextChunk() {
        return next;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public int totalChunks() {
        return total;
    }

    @Override
    public void write(int chunkNumber, int totalChunks, ByteString data) throws IOException {
        if (chunkNumber != next) {
            throw new IOException("chunk " + chunkNumber + " arrived where chunk " + next + " belongs");
        }
        data.writeTo(out);
        if (flushEachChunk) {
            out.flush();
        }
        next++;
        bytes += data.size();
        total = Math.max(total, totalChunks);
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
