package org.reportviewer.client;

import com.google.protobuf.ByteString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.reportviewer.base.AtomicFiles;

/**
 * Writes a report to {@code FILE} so that nothing is lost when the stream breaks: data goes to
 * {@code FILE.part}, a {@link ResumeRecord} beside it ({@code FILE.part.resume}) says how far the
 * data goes, and only a finished report is renamed to {@code FILE} (atomically).
 *
 * <p>Crash safety: the record is updated only after the data it covers has been flushed to the
 * operating system, so a killed process never leaves a record that points past the data. Data
 * written after the last record is simply fetched again: a resume first cuts the .part back to the
 * recorded length. The record is refreshed at most every {@code checkpointInterval} and whenever
 * the stream ends, so it costs a few small writes per second, not one per chunk.
 */
public final class ResumableFileSink extends OrderedChunkSink {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMillis(100);
    private static final int BUFFER = 64 << 10;

    private final Path target;
    private final Path part;
    private final Path recordFile;
    private final String reportId;
    private final int firstChunk;
    private final ResumeRecord resumedFrom;
    private final long checkpointNanos;
    private final FileChannel channel;
    private final OutputStream out;

    private long lastCheckpoint = System.nanoTime();
    private boolean closed;

    private ResumableFileSink(Path target, String reportId, ResumeRecord start, boolean resumed, FileChannel channel,
            Duration checkpointInterval) {
        super(start.nextChunk(), start.bytes(), start.totalChunks());
        this.target = target;
        this.part = partFile(target);
        this.recordFile = recordFile(target);
        this.reportId = reportId;
        this.firstChunk = start.firstChunk();
        this.resumedFrom = resumed ? start : null;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        this.checkpointNanos = checkpointInterval.toNanos();
    }

    public static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    public static Path recordFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part.resume");
    }

    /** Starts {@code target} afresh: an empty .part (any old one is discarded) expecting {@code startChunk}. */
    public static ResumableFileSink create(Path target, String reportId, int startChunk) throws IOException {
        return create(target, reportId, startChunk, DEFAULT_CHECKPOINT_INTERVAL);
    }

    public static ResumableFileSink create(Path target, String reportId, int startChunk, Duration checkpointInterval)
            throws IOException {
        Path part = partFile(target);
        Files.deleteIfExists(recordFile(target)); // an old record must never describe the new data
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ResumeRecord start = new ResumeRecord(reportId, startChunk, startChunk, 0, 0);
        try {
            start.write(recordFile(target));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new ResumableFileSink(target, reportId, start, false, channel, checkpointInterval);
    }

    /**
     * Continues the .part an earlier run left: checks its record, cuts the data back to the recorded
     * length and appends from there.
     *
     * @throws ResumeException when there is nothing safe to resume; its message says why
     */
    public static ResumableFileSink resume(Path target, String reportId) throws IOException {
        return resume(target, reportId, DEFAULT_CHECKPOINT_INTERVAL);
    }

    public static ResumableFileSink resume(Path target, String reportId, Duration checkpointInterval)
            throws IOException {
        Path part = partFile(target);
        Path recordFile = recordFile(target);
        boolean hasPart = Files.exists(part);
        boolean hasRecord = Files.exists(recordFile);
        if (!hasPart && !hasRecord) {
            throw new ResumeException("nothing to resume: " + part + " does not exist");
        }
        if (!hasRecord) {
            throw new ResumeException(part + " has no resume record (" + recordFile.getFileName()
                    + "), so where its last complete chunk ends is unknown; fetch without --resume to start again");
        }
        if (!hasPart) {
            throw new ResumeException(recordFile + " describes " + part.getFileName()
                    + ", which is missing; fetch without --resume to start again");
        }
        ResumeRecord record = ResumeRecord.read(recordFile);
        if (!record.reportId().equals(reportId)) {
            throw new ResumeException(part + " holds report '" + record.reportId() + "', not '" + reportId + "'");
        }
        FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < record.bytes()) {
                throw new ResumeException(part + " has " + size + " bytes but its resume record says "
                        + record.bytes() + "; it cannot be resumed safely, fetch without --resume to start again");
            }
            // Bytes after the record belong to a chunk that may be incomplete: fetch it again.
            channel.truncate(record.bytes());
            channel.position(record.bytes());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new ResumableFileSink(target, reportId, record, true, channel, checkpointInterval);
    }

    /** Whether {@link #resume} has anything to work with for {@code target}. */
    public static boolean resumable(Path target) {
        return Files.exists(partFile(target)) || Files.exists(recordFile(target));
    }

    /** The record this sink resumed from, or {@code null} when it started afresh. */
    public ResumeRecord resumedFrom() {
        return resumedFrom;
    }

    public Path target() {
        return target;
    }

    public Path part() {
        return part;
    }

    @Override
    protected void store(ByteString data) throws IOException {
        if (closed) {
            throw new IOException(part + " is already closed");
        }
        data.writeTo(out);
    }

    @Override
    protected void afterWrite() throws IOException {
        if (System.nanoTime() - lastCheckpoint >= checkpointNanos) {
            checkpoint();
        }
    }

    /** Flushes the data, then records how far it goes (in that order: see the class comment). */
    public void checkpoint() throws IOException {
        out.flush();
        new ResumeRecord(reportId, firstChunk, nextChunk(), bytes(), totalChunks()).write(recordFile);
        lastCheckpoint = System.nanoTime();
    }

    @Override
    public void finish() throws IOException {
        checkpoint();
        channel.force(true); // the renamed file must hold the data, even after a power cut
        close();
        AtomicFiles.move(part, target);
        Files.deleteIfExists(recordFile);
    }

    @Override
    public void abandon() throws IOException {
        if (closed) {
            return;
        }
        try {
            checkpoint();
        } finally {
            close();
        }
    }

    private void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    /** A .part that cannot be resumed (missing, foreign or damaged); the message says which. */
    public static final class ResumeException extends IOException {
        public ResumeException(String message) {
            super(message);
        }
    }
}
