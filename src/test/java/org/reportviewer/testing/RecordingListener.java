package org.reportviewer.testing;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.reportviewer.client.ReportListener;
import org.reportviewer.client.StreamStats;

/** Keeps everything a stream delivered, for assertions. */
public class RecordingListener implements ReportListener {

    public final List<Integer> chunkNumbers = new CopyOnWriteArrayList<>();
    public final List<Integer> totals = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    public volatile Status failure;
    public volatile StreamStats finalStats;
    public final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void onChunk(int chunkNumber, int totalChunks, ByteString bytes) throws Exception {
        chunkNumbers.add(chunkNumber);
        totals.add(totalChunks);
        synchronized (data) {
            bytes.writeTo(data);
        }
    }

    @Override
    public void onCompleted(StreamStats stats) {
        finalStats = stats;
        done.countDown();
    }

    @Override
    public void onFailed(Status status, StreamStats stats) {
        failure = status;
        finalStats = stats;
        done.countDown();
    }

    public byte[] bytes() {
        synchronized (data) {
            return data.toByteArray();
        }
    }

    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
