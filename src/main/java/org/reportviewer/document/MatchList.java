package org.reportviewer.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An append-only ascending list of longs (the numbers of the lines or rows a filter matched) that costs
 * almost no heap however long it gets: values are stored as variable-length deltas (one byte for a run
 * of neighbouring matches), 64 KiB at a time; every full block goes to a temp file, and the heap keeps
 * only the open block, one cached block and two longs per block. A filter matching every line of a
 * 16 M-line report writes ~16 MB to disk and keeps ~130 KB in memory.
 *
 * <p>Thread-safe: one thread appends while others read (all methods synchronize; reads are a few per
 * frame, appends come from one background scan).
 */
public final class MatchList implements AutoCloseable {

    static final int BLOCK = 64 * 1024;
    private static final int MAX_VARINT = 10;

    private final int blockSize;
    private final byte[] open;
    private int openLen;
    private final byte[] cache;
    private int cachedBlock = -1;
    // blockFirstIndex[k] / blockFirstValue[k]: list index and value of block k's first entry; the
    // entry for the open block is at [blocks].
    private long[] blockFirstIndex = new long[16];
    private long[] blockFirstValue = new long[16];
    private int blocks;
    private long size;
    private long last = Long.MIN_VALUE;
    private FileChannel spill;
    private boolean closed;

    // Where the last get() ended, so a view reading consecutive entries decodes each one once.
    private int cursorBlock = -1;
    private int cursorPos;
    private long cursorIndex;
    private long cursorValue;

    public MatchList() {
        this(BLOCK);
    }

    /** With a small block size, so tests can cover many blocks cheaply. */
    MatchList(int blockSize) {
        if (blockSize < 2 * MAX_VARINT) {
            throw new IllegalArgumentException("block too small: " + blockSize);
        }
        this.blockSize = blockSize;
        this.open = new byte[blockSize];
        this.cache = new byte[blockSize];
    }

    /** Appends {@code value}, which must be greater than the last one. */
    public synchronized void add(long value) {
        ensureOpen();
        if (value <= last) {
            throw new IllegalArgumentException("not ascending: " + value + " after " + last);
        }
        if (size == 0 || openLen + MAX_VARINT > blockSize) {
            if (size > 0) {
                spillOpenBlock();
            }
            startBlock(value);
        } else {
            long delta = value - last;
            while ((delta & ~0x7FL) != 0) {
                open[openLen++] = (byte) ((delta & 0x7F) | 0x80);
                delta >>>= 7;
            }
            open[openLen++] = (byte) delta;
        }
        last = value;
        size++;
    }

    private void startBlock(long value) {
        if (blocks + 1 >= blockFirstIndex.length) {
            blockFirstIndex = Arrays.copyOf(blockFirstIndex, blockFirstIndex.length * 2);
            blockFirstValue = Arrays.copyOf(blockFirstValue, blockFirstValue.length * 2);
        }
        blockFirstIndex[blocks] = size;
        blockFirstValue[blocks] = value;
        openLen = 0;
    }

    private void spillOpenBlock() {
        try {
            if (spill == null) {
                Path file = Files.createTempFile("report-viewer-matches-", ".bin");
                // DELETE_ON_CLOSE unlinks it at once on Linux: a crash leaves nothing behind.
                spill = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
            }
            ByteBuffer b = ByteBuffer.wrap(open, 0, blockSize);
            long at = (long) blocks * blockSize;
            while (b.hasRemaining()) {
                at += spill.write(b, at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the filter's match file", e);
        }
        // Unused tail bytes of a spilled block are never read: the next block's first index bounds it.
        blocks++;
    }

    public synchronized long size() {
        return size;
    }

    /** The {@code index}-th value. */
    public synchronized long get(long index) {
        ensureOpen();
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("match " + index + " of " + size);
        }
        int block = blockOfIndex(index);
        if (cursorBlock != block || cursorIndex > index) {
            cursorBlock = block;
            cursorPos = 0;
            cursorIndex = blockFirstIndex[block];
            cursorValue = blockFirstValue[block];
        }
        byte[] bytes = bytesOf(block);
        while (cursorIndex < index) {
            long delta = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[cursorPos++];
                delta |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            cursorValue += delta;
            cursorIndex++;
        }
        return cursorValue;
    }

    /** The smallest index whose value is {@code >= value}; {@link #size()} when there is none. */
    public synchronized long indexAtOrAfter(long value) {
        if (size == 0 || value > last) {
            return size;
        }
        // The last block whose first value is <= value, then a linear walk inside it.
        int lo = lastBlockAtOrBelow(blockFirstValue, value);
        long i = blockFirstIndex[lo];
        long end = lo == blocks ? size : blockFirstIndex[lo + 1];
        while (i < end && get(i) < value) {
            i++;
        }
        return i;
    }

    private int blockOfIndex(long index) {
        return lastBlockAtOrBelow(blockFirstIndex, index);
    }

    /** The last block k (0..blocks) with {@code firsts[k] <= key}; 0 when none is (both arrays ascend). */
    private int lastBlockAtOrBelow(long[] firsts, long key) {
        int lo = 0;
        int hi = blocks;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firsts[mid] <= key) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private byte[] bytesOf(int block) {
        if (block == blocks) {
            return open;
        }
        if (block != cachedBlock) {
            try {
                ByteBuffer b = ByteBuffer.wrap(cache, 0, blockSize);
                long at = (long) block * blockSize;
                while (b.hasRemaining()) {
                    int r = spill.read(b, at + b.position());
                    if (r < 0) {
                        throw new IOException("match file ends inside block " + block);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the filter's match file", e);
            }
            cachedBlock = block;
        }
        return cache;
    }

    /** Bytes on disk (for measurements and tests). */
    synchronized long spilledBytes() {
        return (long) blocks * blockSize;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("match list is closed");
        }
    }

    /** Deletes the spill file; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (spill != null) {
            try {
                spill.close();
            } catch (IOException ignored) {
                // the file was unlinked when opened
            }
        }
    }
}
