package org.reportviewer.bench;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.reportviewer.client.OutputStreamSink;
import org.reportviewer.client.ReportListener;
import org.reportviewer.client.StreamResult;
import org.reportviewer.client.StreamStats;

/**
 * Writes every chunk to /dev/null through the CLI's own {@link OutputStreamSink} (buffered, no extra
 * copy), as {@code fetch -o FILE} does minus the disk.
 */
final class DevNullListener implements ReportListener, AutoCloseable {

    private final FileOutputStream devNull;
    private final OutputStreamSink sink;
    long bytes;

    DevNullListener() {
        try {
            this.devNull = new FileOutputStream("/dev/null");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sink = new OutputStreamSink(devNull, 0, false);
    }

    @Override
    public void onChunk(int chunkNumber, int totalChunks, ByteString data) throws IOException {
        sink.write(chunkNumber, totalChunks, data);
        bytes += data.size();
    }

    @Override
    public void onCompleted(StreamStats stats) {
        try {
            sink.finish();
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
