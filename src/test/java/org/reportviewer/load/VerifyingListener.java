package org.reportviewer.load;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.reportviewer.client.ReportListener;
import org.reportviewer.client.StreamStats;
import org.reportviewer.server.SyntheticText;

/**
 * Checks a synthetic report as it arrives without keeping it: chunk numbers contiguous from 0,
 * every byte equal to the deterministic text, the exact total at the end.
 */
class VerifyingListener implements ReportListener {

    /** How one stream ended. */
    record Result(Status status, long chunks, long bytes, String problem) {
        boolean exact(long expectedChunks, long expectedBytes) {
            return status.isOk() && problem == null && chunks == expectedChunks && bytes == expectedBytes;
        }
    }

    final CompletableFuture<Result> result = new CompletableFuture<>();
    private final SyntheticText text = new SyntheticText();
    private long chunks;
    private long bytes;
    private String problem;

    @Override
    public void onChunk(int chunkNumber, int totalChunks, ByteString data) {
        if (problem != null) {
            return;
        }
        if (chunkNumber != chunks) {
            problem = "expected chunk " + chunks + ", got " + chunkNumber;
            return;
        }
        byte[] expected = new byte[data.size()];
        text.fill(bytes, expected);
        if (!Arrays.equals(expected, data.toByteArray())) {
            problem = "chunk " + chunkNumber + " differs from the synthetic text";
        }
        chunks++;
        bytes += data.size();
    }

    @Override
    public void onCompleted(StreamStats stats) {
        result.complete(new Result(Status.OK, chunks, bytes, problem));
    }

    @Override
    public void onFailed(Status status, StreamStats stats) {
        result.complete(new Result(status, chunks, bytes, problem));
    }
}
