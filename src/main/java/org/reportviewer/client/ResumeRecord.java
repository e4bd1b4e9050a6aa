package org.reportviewer.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.reportviewer.base.AtomicFiles;

/**
 * What a resume needs to know about a partial report file, kept beside it: which report, the next
 * chunk to ask for, and how many bytes of the file belong to the chunks before it.
 *
 * <p>Stored as a small properties file and replaced atomically (write a temporary file, then rename
 * over the old one), so a reader sees either the previous record or the new one, never half of it.
 *
 * @param reportId the report the data belongs to
 * @param firstChunk the chunk the file starts with (0 unless fetched with a start chunk)
 * @param nextChunk the next chunk to ask for
 * @param bytes bytes of the file that hold chunks {@code firstChunk .. nextChunk-1}
 * @param totalChunks chunks of the whole report as the server said, or 0 when unknown
 */
public record ResumeRecord(String reportId, int firstChunk, int nextChunk, long bytes, int totalChunks) {

    static final int FORMAT = 1;

    public ResumeRecord {
        Objects.requireNonNull(reportId, "reportId");
        if (firstChunk < 0 || nextChunk < firstChunk || bytes < 0 || totalChunks < 0) {
            throw new IllegalArgumentException("inconsistent resume record: first_chunk=" + firstChunk
                    + " next_chunk=" + nextChunk + " bytes=" + bytes + " total_chunks=" + totalChunks);
        }
    }

    /** Reads a record; the message of the exception says what is wrong with the file. */
    public static ResumeRecord read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        try {
            int format = Integer.parseInt(required(p, "format"));
            if (format != FORMAT) {
                throw new IOException(file + " has resume format " + format + "; this version reads " + FORMAT);
            }
            return new ResumeRecord(required(p, "report_id"), Integer.parseInt(required(p, "first_chunk")),
                    Integer.parseInt(required(p, "next_chunk")), Long.parseLong(required(p, "bytes")),
                    Integer.parseInt(required(p, "total_chunks")));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IOException(file + " is not a valid resume record: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return v.trim();
    }

    /** Replaces {@code file} with this record in one atomic step. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("report_id", reportId);
        p.setProperty("first_chunk", Integer.toString(firstChunk));
        p.setProperty("next_chunk", Integer.toString(nextChunk));
        p.setProperty("bytes", Long.toString(bytes));
        p.setProperty("total_chunks", Integer.toString(totalChunks));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "report-viewer resume record: the .part file holds chunks first_chunk..next_chunk-1");
        }
        AtomicFiles.move(tmp, file);
    }
}
