package org.reportviewer.bench;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.reportviewer.client.ReportListener;
import org.reportviewer.client.StreamResult;
import org.reportviewer.client.StreamStats;

/**
 * Writes every chunk to /dev/null the way {@code fetch} to a file would write it to disk (minus the
 * disk): through a 64 KiB buffer, so small chunks cost a copy, not a system call each.
 */
final class DevNullListener implements ReportListener, AutoCloseable {

    private final FileChannel devNull;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 << 10);
    long bytes;

    DevNullListener() {
        try {
            this.devNull = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onChunk(int chunkNumber, int totalChunks, ByteString data) throws IOException {
        if (data.size() >= buffer.capacity()) {
            flush();
            for (ByteBuffer b : data.asReadOnlyByteBufferList()) {
                while (b.hasRemaining()) {
                    devNull.write(b);
                }
            }
        } else {
            if (buffer.remaining() < data.size()) {
                flush();
            }
            data.copyTo(buffer);
        }
        bytes += data.size();
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            devNull.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void onCompleted(StreamStats stats) {
        try {
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onFailed(Status status, StreamStats stats) {}

    @Override
    public void close() throws IOException {
        devNull.close();
    }

    static void requireOk(StreamResult result, String what) {
        if (!result.ok()) {
            throw new IllegalStateException(what + " failed: " + result.status());
        }
    }
}
