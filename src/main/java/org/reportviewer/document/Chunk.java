package org.reportviewer.document;

/**
 * One chunk of the stream as the document received it.
 *
 * @param number        the chunk number the server gave it (0-based)
 * @param firstLine     the document line that holds its first byte (it may have begun in an earlier chunk)
 * @param size          its size in bytes
 * @param arrivalMillis when it arrived, in milliseconds after the document's first chunk
 */
public record Chunk(long number, long firstLine, int size, long arrivalMillis) {}
