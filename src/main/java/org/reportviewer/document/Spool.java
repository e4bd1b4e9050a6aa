package org.reportviewer.document;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.reportviewer.base.AtomicFiles;

/**
 * The document's bytes: a temp file plus a 64 KiB pending buffer in front of it. One writer fills the
 * buffer and flushes it when full; any thread reads published bytes, from the file below the flushed
 * point and from the buffer above it.
 */
final class Spool implements AutoCloseable {

    private static final int PENDING = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    // Appended bytes collect here and go to the file 64 KiB at a time (small enough to stay in cache),
    // so a stream of small chunks costs a memcpy each rather than a system call. The writer fills it;
    // readers copy published bytes out of it under lock, and it is only reset under that lock.
    // On the heap, not direct: the indexer then scans it as an array, which C1 (the window's only
    // compiler) turns into plain loads, where a direct buffer's getLong stays a chain of calls —
    // 0.35 against 0.8–0.95 CPU-s per GiB; the channel's copy into its own direct buffer when it
    // writes costs less than the difference (BENCHMARKS.md, "The spool's buffer on the heap").
    // Little-endian for Newlines' 8-byte reads.
    private final ByteBuffer pending = ByteBuffer.allocate(PENDING).order(ByteOrder.LITTLE_ENDIAN);
    private final Object lock = new Object();
    /** File offset of pending[0]; bytes below it are in the file. Written under lock. */
    private long pendingStart;
    private volatile boolean closed;

    private Spool(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** A new spool file in {@code java.io.tmpdir}, deleted when closed (on Linux, unlinked at once). */
    static Spool createTemp() throws IOException {
        Path file = Files.createTempFile("report-viewer-", ".spool");
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            return new Spool(file, ch);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The writer's buffer: it copies into it and indexes there; {@link #flush} when it is full. */
    ByteBuffer buffer() {
        return pending;
    }

    /** Writes the pending buffer to the file, then (under the lock readers copy with) starts it afresh. */
    void flush(long written) throws IOException {
        ByteBuffer out = pending.duplicate();
        out.flip();
        long at = pendingStart;
        while (out.hasRemaining()) {
            at += channel.write(out, at);
        }
        synchronized (lock) {
            pendingStart = written;
            pending.clear();
        }
    }

    /** Copies published bytes {@code [at, at + len)} into {@code dst}. Any thread. */
    void read(byte[] dst, int off, int len, long at) throws IOException {
        int done = 0;
        while (done < len) {
            long pos = at + done;
            long onDisk;
            synchronized (lock) {
                if (closed) {
                    throw new IOException("report document is closed");
                }
                if (pos >= pendingStart) {
                    // Everything published from here on is still in the pending buffer.
                    pending.get((int) (pos - pendingStart), dst, off + done, len - done);
                    return;
                }
                onDisk = pendingStart;
            }
            int want = (int) Math.min(len - done, onDisk - pos);
            ByteBuffer b = ByteBuffer.wrap(dst, off + done, want);
            long p = pos;
            while (b.hasRemaining()) {
                int r = channel.read(b, p);
                if (r < 0) {
                    throw new EOFException("spool file ends at byte " + p);
                }
                p += r;
            }
            done += want;
        }
    }

    /**
     * Writes the first {@code bytes} bytes to {@code target}, atomically: a temp file in the same
     * directory is filled, forced to disk and moved over the target.
     */
    void saveTo(Path target, long bytes) throws IOException {
        Path abs = target.toAbsolutePath();
        long onDisk;
        byte[] tail;
        synchronized (lock) {
            onDisk = Math.min(bytes, pendingStart);
            tail = new byte[(int) (bytes - onDisk)];
            pending.get(0, tail, 0, tail.length);
        }
        AtomicFiles.write(abs, out -> {
            long pos = 0;
            while (pos < onDisk) {
                long n = channel.transferTo(pos, onDisk - pos, out);
                if (n <= 0) {
                    throw new IOException("spool file ended at byte " + pos + " of " + onDisk);
                }
                pos += n;
            }
            ByteBuffer rest = ByteBuffer.wrap(tail);
            while (rest.hasRemaining()) {
                out.write(rest, pos + rest.position());
            }
        });
    }

    boolean isClosed() {
        return closed;
    }

    Path file() {
        return file;
    }

    /** Closes and deletes the file; safe to call more than once. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting below is what matters
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // DELETE_ON_CLOSE normally removed it already
        }
    }
}
