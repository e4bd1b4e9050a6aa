package org.reportviewer.client;

/**
 * A snapshot of one report stream.
 *
 * @param startChunk the chunk asked for first
 * @param chunks chunks delivered to the listener
 * @param bytes data bytes delivered to the listener
 * @param totalChunks chunks in the whole report as the server said, 0 when it does not say
 * @param skipped chunks dropped because they came before {@code startChunk} (a server that ignores
 *     resume requests)
 * @param gaps missing or repeated chunk numbers seen (the call fails on the first)
 * @param firstChunkNanos from the start of the call to the first chunk, -1 before it
 * @param elapsedNanos from the start of the call to now, or to its end
 */
public record StreamStats(int startChunk, int chunks, long bytes, int totalChunks, int skipped, int gaps,
        long firstChunkNanos, long elapsedNanos) {

    /** The chunk to ask for when resuming after this stream. */
    public int nextChunk() {
        return startChunk + chunks;
    }
}
