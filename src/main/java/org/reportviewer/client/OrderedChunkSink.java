package org.reportviewer.client;

import com.google.protobuf.ByteString;
import java.io.IOException;

/**
 * The bookkeeping every {@link ChunkSink} shares: chunks must come in order, and the sink counts
 * what it holds. Subclasses only say where the bytes go.
 */
public abstract class OrderedChunkSink implements ChunkSink {

    private int next;
    private long bytes;
    private int total;

    /** Starts holding {@code bytes} of the report, chunks before {@code nextChunk}. */
    protected OrderedChunkSink(int nextChunk, long bytes, int totalChunks) {
        this.next = nextChunk;
        this.bytes = bytes;
        this.total = totalChunks;
    }

    @Override
    public final int nextChunk() {
        return next;
    }

    @Override
    public final long bytes() {
        return bytes;
    }

    @Override
    public final int totalChunks() {
        return total;
    }

    @Override
    public final void write(int chunkNumber, int totalChunks, ByteString data) throws IOException {
        if (chunkNumber != next) {
            throw new IOException("chunk " + chunkNumber + " arrived where chunk " + next + " belongs");
        }
        store(data);
        next++;
        bytes += data.size();
        total = Math.max(total, totalChunks);
        afterWrite();
    }

    /** Keeps the data of the next chunk. */
    protected abstract void store(ByteString data) throws IOException;

    /** Runs after the counts include the chunk just stored. */
    protected void afterWrite() throws IOException {}
}
