package org.reportviewer.bench;

import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.reportviewer.client.Channels;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.StreamResult;
import org.reportviewer.client.Target;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.Sizes;

/**
 * Cases 1 and 2: the real ReportServer on 127.0.0.1 and a ReportClient over a Netty channel built by
 * {@link Channels#plaintext} (what the CLI and the app use), each run next to the raw-socket baseline
 * for the same bytes.
 */
final class HeadlessBench implements AutoCloseable {

    private static final int BIG_CHUNK = 64 << 10;
    private static final int SMALL_CHUNK = 100;

    final ReportServer server;
    final ManagedChannel channel;
    final ReportClient client;
    /** Case 1's median MB/s, for case 5's comparison. */
    double lastMedianMbps = Double.NaN;

    HeadlessBench() throws Exception {
        server = new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(null),
                Duration.ofSeconds(1)).start();
        channel = Channels.plaintext(new Target("127.0.0.1", server.port()));
        client = new ReportClient(channel);
    }

    /** Fetches a synthetic report into /dev/null; returns the elapsed nanoseconds. */
    long fetch(long size, int chunk) throws Exception {
        String id = "synthetic?size=" + size + "&chunk=" + chunk;
        try (DevNullListener sink = new DevNullListener()) {
            long start = System.nanoTime();
            StreamResult result = client.fetch(FetchRequest.of(id), sink).result().get(5, TimeUnit.MINUTES);
            long elapsed = System.nanoTime() - start;
            DevNullListener.requireOk(result, id);
            if (sink.bytes != size) {
                throw new IllegalStateException(id + " delivered " + sink.bytes + " bytes");
            }
            return elapsed;
        }
    }

    CaseResult bigChunks(BenchConfig cfg) throws Exception {
        long size = cfg.fetchBytes();
        String id = "1 fetch " + Sizes.format(size) + " / 64 KiB";
        CaseResult r = new CaseResult("1. Headless fetch of " + Sizes.format(size) + " in 64 KiB chunks over loopback TCP");
        fetch(Math.min(size, 64L << 20), BIG_CHUNK); // JIT warm-up, not measured
        RawLoopback.push(Math.min(size, 64L << 20), BIG_CHUNK);
        double[] ours = new double[cfg.runs()];
        double[] raw = new double[cfg.runs()];
        for (int i = 0; i < cfg.runs(); i++) {
            raw[i] = size / 1e6 / (RawLoopback.push(size, BIG_CHUNK) / 1e9);
            ours[i] = size / 1e6 / (fetch(size, BIG_CHUNK) / 1e9);
        }
        Samples o = new Samples(ours);
        Samples b = new Samples(raw);
        double ratio = o.median() / b.median();
        lastMedianMbps = o.median();
        r.row(new BenchRow(id, "MB/s (median of " + cfg.runs() + ")", Samples.fmt("%.0f", o.median()),
                Samples.fmt("%.0f (raw socket)", b.median()), Samples.fmt("%.0f %%", 100 * ratio), "≥ 60 % of raw",
                ratio >= 0.60 ? "met" : "NOT met"));
        r.detail("ReportClient → /dev/null, MB/s per run (sorted): %s", o.list("%.0f"));
        r.detail("raw NIO socket pair, 64 KiB writes → /dev/null, MB/s per run (sorted): %s", b.list("%.0f"));
        return r;
    }

    CaseResult smallChunks(BenchConfig cfg) throws Exception {
        int n = cfg.smallChunks();
        long size = (long) n * SMALL_CHUNK;
        String id = "2 " + n + " chunks × 100 B";
        CaseResult r = new CaseResult("2. " + n + " chunks of 100 B");
        fetch(Math.min(size, 10_000_000), SMALL_CHUNK); // warm-up
        double[] ours = new double[cfg.runs()];
        double[] raw = new double[cfg.runs()];
        for (int i = 0; i < cfg.runs(); i++) {
            // The baseline pushes the same bytes in 64 KiB writes: the transport limit, expressed in
            // 100 B chunks per second. (gRPC coalesces small messages into large writes too.)
            raw[i] = n / (RawLoopback.push(size, BIG_CHUNK) / 1e9);
            ours[i] = n / (fetch(size, SMALL_CHUNK) / 1e9);
        }
        Samples o = new Samples(ours);
        Samples b = new Samples(raw);
        r.row(new BenchRow(id, "chunks/s (median of " + cfg.runs() + ")", Samples.fmt("%,.0f", o.median()),
                Samples.fmt("%,.0f (raw socket, same bytes)", b.median()),
                Samples.fmt("%.1f %%", 100 * o.median() / b.median()), "≥ 500,000 chunks/s",
                o.median() >= 500_000 ? "met" : "NOT met"));
        r.detail("ReportClient, chunks/s per run (sorted): %s", o.list("%,.0f"));
        r.detail("same bytes over a raw socket pair in 64 KiB writes, 100 B chunks/s equivalent (sorted): %s",
                b.list("%,.0f"));
        return r;
    }

    @Override
    public void close() {
        Channels.shutdown(channel);
        server.close();
    }
}
