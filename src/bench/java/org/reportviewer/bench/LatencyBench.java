package org.reportviewer.bench;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ReportCall;
import org.reportviewer.client.ReportListener;
import org.reportviewer.client.StreamResult;
import org.reportviewer.client.StreamStats;
import org.reportviewer.server.CallRecord;

/** Cases 3 (time to first chunk) and 4 (cancel latency), on the server and channel of {@link HeadlessBench}. */
final class LatencyBench {

    private final HeadlessBench env;

    LatencyBench(HeadlessBench env) {
        this.env = env;
    }

    /** Nanoseconds from {@code fetch()} to the first chunk in the listener, and to the end of the call. */
    private long[] firstChunk(String id) throws Exception {
        long[] firstAt = {-1};
        ReportListener listener = new ReportListener() {
            @Override
            public void onChunk(int chunkNumber, int totalChunks, ByteString data) {
                if (firstAt[0] < 0) {
                    firstAt[0] = System.nanoTime();
                }
            }

            @Override
            public void onCompleted(StreamStats stats) {}

            @Override
            public void onFailed(Status status, StreamStats stats) {}
        };
        long start = System.nanoTime();
        StreamResult result = env.client.fetch(FetchRequest.of(id), listener).result().get(30, TimeUnit.SECONDS);
        long end = System.nanoTime();
        DevNullListener.requireOk(result, id);
        // result() completes after the listener returned on the gRPC thread, so firstAt is visible here.
        return new long[] {firstAt[0] - start, end - start};
    }

    CaseResult firstChunk(BenchConfig cfg) throws Exception {
        int calls = cfg.firstChunkCalls();
        String id = "synthetic?size=4KiB&chunk=4KiB";
        CaseResult r = new CaseResult("3. Time to first chunk, warm, over " + calls + " calls");
        for (int i = 0; i < Math.max(200, calls / 5); i++) {
            firstChunk(id); // warm-up: JIT, channel connected, server threads started
        }
        long[] first = new long[calls];
        long[] whole = new long[calls];
        for (int i = 0; i < calls; i++) {
            long[] t = firstChunk(id);
            first[i] = t[0];
            whole[i] = t[1];
        }
        Samples f = Samples.ofNanosAsMillis(first, calls);
        Samples w = Samples.ofNanosAsMillis(whole, calls);
        r.row(BenchRow.of("3 first chunk", "p50 ms", Samples.fmt("%.3f", f.median()), "< 2 ms", f.median() < 2));
        r.row(BenchRow.info("3 first chunk", "p99 / max ms", Samples.fmt("%.3f / %.3f", f.percentile(99), f.max())));
        r.detail("report %s (one 4 KiB chunk), calls one after another on one warm channel", id);
        r.detail("fetch() → first onChunk: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms",
                f.median(), f.percentile(90), f.percentile(99), f.max());
        r.detail("fetch() → result complete (whole call): p50 %.3f ms, p99 %.3f ms", w.median(), w.percentile(99));
        return r;
    }

    CaseResult cancel(BenchConfig cfg) throws Exception {
        int n = cfg.cancels();
        // A report far larger than what is read before the cancel, streaming at full speed.
        String id = "synthetic?size=4GiB&chunk=64KiB";
        CaseResult r = new CaseResult("4. Cancel latency over " + n + " cancels of a full-speed stream");
        long[] clientToStop = new long[n];
        long[] serverSeenToStop = new long[n];
        double[] afterClientCancel = new double[n];
        double[] afterServerSaw = new double[n];
        for (int i = 0; i < n + 20; i++) {
            int cancelAt = 5 + (i * 37) % 200; // vary where in the stream the cancel lands
            CompletableFuture<CallRecord> serverSide = new CompletableFuture<>();
            long[] stoppedAt = {0};
            Consumer<CallRecord> hook = rec -> {
                stoppedAt[0] = System.nanoTime();
                serverSide.complete(rec);
            };
            env.server.metrics().addListener(hook);
            CountDownLatch reached = new CountDownLatch(1);
            ReportListener listener = new ReportListener() {
                @Override
                public void onChunk(int chunkNumber, int totalChunks, ByteString data) {
                    if (chunkNumber == cancelAt) {
                        reached.countDown();
                    }
                }

                @Override
                public void onCompleted(StreamStats stats) {}

                @Override
                public void onFailed(Status status, StreamStats stats) {}
            };
            ReportCall call = env.client.fetch(FetchRequest.of(id), listener);
            if (!reached.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("chunk " + cancelAt + " never arrived");
            }
            // The cancel comes from another thread than gRPC's, as a UI's Cancel button would.
            List<Integer> sentNow = env.server.metrics().activeChunksSent();
            long cancelledAt = System.nanoTime();
            call.cancel();
            CallRecord rec = serverSide.get(30, TimeUnit.SECONDS);
            env.server.metrics().removeListener(hook);
            StreamResult result = call.result().get(30, TimeUnit.SECONDS);
            if (result.status().getCode() != Status.Code.CANCELLED || rec.status() != Status.Code.CANCELLED) {
                throw new IllegalStateException("cancel ended with client " + result.status() + ", server " + rec.status());
            }
            if (i < 20) {
                continue; // warm-up
            }
            int k = i - 20;
            clientToStop[k] = stoppedAt[0] - cancelledAt;
            serverSeenToStop[k] = rec.cancelToStopNanos();
            afterClientCancel[k] = sentNow.size() == 1 ? rec.chunksSent() - sentNow.get(0) : Double.NaN;
            afterServerSaw[k] = rec.chunksAfterCancel();
        }
        Samples ms = Samples.ofNanosAsMillis(clientToStop, n);
        Samples seen = Samples.ofNanosAsMillis(serverSeenToStop, n);
        Samples chunksClient = new Samples(afterClientCancel);
        Samples chunksServer = new Samples(afterServerSaw);
        r.row(BenchRow.of("4 cancel", "cancel() → server stopped, p50 / p99 / max ms",
                Samples.fmt("%.2f / %.2f / %.2f", ms.median(), ms.percentile(99), ms.max()), "< 10 ms (p99)",
                ms.percentile(99) < 10));
        r.row(BenchRow.info("4 cancel", "chunks produced after cancel(), p50 / p99 / max",
                Samples.fmt("%.0f / %.0f / %.0f", chunksClient.median(), chunksClient.percentile(99), chunksClient.max())));
        r.row(BenchRow.info("4 cancel", "chunks sent after the server saw it, max",
                Samples.fmt("%.0f", chunksServer.max())));
        r.detail("report %s, cancel() from a separate thread after chunk 5..204 arrived; %d warm-up cancels not counted",
                id, 20);
        r.detail("client cancel() → server producer stopped (CallRecord published): p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                ms.median(), ms.percentile(99), ms.max());
        r.detail("server saw the cancel → stopped (CallRecord.cancelToStopNanos): p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                seen.median(), seen.percentile(99), seen.max());
        r.detail("64 KiB chunks the server produced after the client's cancel(): p50 %.0f, p99 %.0f, max %.0f; "
                        + "after the server saw it (CallRecord.chunksAfterCancel): p50 %.0f, max %.0f",
                chunksClient.median(), chunksClient.percentile(99), chunksClient.max(), chunksServer.median(),
                chunksServer.max());
        return r;
    }
}
