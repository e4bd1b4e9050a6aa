package org.reportviewer.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.reportviewer.client.Channels;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ReportCall;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.ReportListener;
import org.reportviewer.client.StreamStats;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ServerConfig;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.testing.RawCalls;

/**
 * The load scenarios of issue 5, sized by the caller: the normal test run uses light sizes, the
 * {@code -Pload} profile the full ones. Each prints one line of figures (grep "LOAD ").
 */
final class LoadScenarios implements AutoCloseable {

    static final Duration WAIT = Duration.ofMinutes(5);
    /**
     * Generous: the server uses a fixed pool and Netty's event loops, so its thread count does not
     * grow with the number of streams; a thread per stream would blow far past this.
     */
    static final int THREAD_SLACK = 64;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    final ReportServer server;
    /** Client callbacks on a small fixed pool, so the client side does not add threads per stream. */
    private final ExecutorService clientExecutor = Executors.newFixedThreadPool(4);
    private final List<ManagedChannel> channels = new ArrayList<>();

    LoadScenarios() throws Exception {
        server = ReportServer.create(ServerConfig.loopback(0),
                new ReportCatalog(List.of(new DemoSource(0), new SyntheticSource()))).start();
    }

    ManagedChannel newChannel() {
        return newChannel(NettyChannelBuilder.DEFAULT_FLOW_CONTROL_WINDOW);
    }

    /** A channel with a fixed per-stream receive window (no auto-tuning). */
    ManagedChannel newChannel(int flowControlWindow) {
        ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .flowControlWindow(flowControlWindow)
                .executor(clientExecutor)
                .maxInboundMessageSize(Channels.MAX_INBOUND_MESSAGE)
                .build();
        channels.add(c);
        return c;
    }

    /**
     * {@code streams} concurrent synthetic reports over {@code channelCount} channels: every one
     * complete and byte-exact, server threads bounded. The reports are paced ({@code delayMillis}
     * between chunks) so each lives long enough on the server for all to be in flight at once, which
     * is checked when the last has started. (Size alone cannot hold them: the server may run up to
     * its 1 MiB on-ready threshold plus the client's window ahead of a reader.)
     */
    void concurrentStreams(int streams, int channelCount, int sizeBytes, int chunkBytes, int delayMillis)
            throws Exception {
        List<ReportClient> clients = new ArrayList<>();
        List<CompletableFuture<VerifyingListener.Result>> warmUps = new ArrayList<>();
        for (int i = 0; i < channelCount; i++) {
            ReportClient client = new ReportClient(newChannel());
            clients.add(client);
            warmUps.add(warmUp(client)); // connects now, so connection set-up is not counted below
        }
        for (CompletableFuture<VerifyingListener.Result> w : warmUps) {
            assertThat(w.get(WAIT.toSeconds(), TimeUnit.SECONDS).status().isOk()).isTrue();
        }
        int threadsBefore = THREADS.getThreadCount();
        THREADS.resetPeakThreadCount();
        String id = "synthetic?size=" + sizeBytes + "B&chunk=" + chunkBytes + "B&delay=" + delayMillis;
        long expectedChunks = (sizeBytes + chunkBytes - 1) / chunkBytes;
        long start = System.nanoTime();
        long startedBefore = server.metrics().started();

        AtomicInteger peakActive = new AtomicInteger();
        List<CompletableFuture<VerifyingListener.Result>> results = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            VerifyingListener l = new VerifyingListener();
            clients.get(i % channelCount).fetch(FetchRequest.of(id).withDeadline(WAIT), l);
            results.add(l.result);
        }
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> server.metrics().started() - startedBefore == streams);
        peakActive.set(server.metrics().activeStreams());
        assertThat(peakActive.get()).as("streams in flight on the server at once").isEqualTo(streams);
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;

        long exact = 0;
        long totalBytes = 0;
        for (CompletableFuture<VerifyingListener.Result> f : results) {
            VerifyingListener.Result r = f.join();
            assertThat(r.problem()).as("stream %s", r).isNull();
            assertThat(r.status().getCode()).as("stream %s", r).isEqualTo(Status.Code.OK);
            assertThat(r.chunks()).isEqualTo(expectedChunks);
            assertThat(r.bytes()).isEqualTo(sizeBytes);
            exact += r.exact(expectedChunks, sizeBytes) ? 1 : 0;
            totalBytes += r.bytes();
        }
        int peakThreads = THREADS.getPeakThreadCount();
        System.out.printf("LOAD concurrent streams=%d channels=%d exact=%d bytes=%d seconds=%.2f MB/s=%.1f "
                        + "server-active-when-all-started=%d threads-before=%d peak=%d server-pool=%d%n",
                streams, channelCount, exact, totalBytes, seconds, totalBytes / 1e6 / seconds, peakActive.get(),
                threadsBefore, peakThreads, countThreads("report-server-"));
        assertThat(exact).isEqualTo(streams);
        assertThat(peakThreads - threadsBefore).as("threads added while %d streams ran", streams)
                .isLessThanOrEqualTo(THREAD_SLACK);
        assertThat(countThreads("report-server-")).isLessThanOrEqualTo(Math.max(4,
                2 * Runtime.getRuntime().availableProcessors()));
        awaitNoActiveStreams();
    }

    /**
     * {@code cycles} start/cancel cycles, {@code parallel} at a time: each call is cancelled after its
     * first chunk. Every cancel is recorded, streams return to 0, threads and heap do not grow. Half
     * the reports are paced (the cancel finds the server waiting on its timer), half run at full
     * speed (the cancel finds it blocked on flow control).
     */
    void startCancelCycles(int cycles, int parallel) throws Exception {
        ReportClient client = new ReportClient(newChannel());
        List<String> ids = List.of("synthetic?size=64MiB&chunk=4KiB&delay=2", "synthetic?size=64MiB&chunk=64KiB");
        // The workers' threads exist before and after the measured run: only the server's count.
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            startCancelCycles(client, ids, cycles, parallel, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private void startCancelCycles(ReportClient client, List<String> id, int cycles, int parallel, ExecutorService pool)
            throws Exception {
        runCycles(client, id, Math.max(32, 2 * parallel), parallel, pool); // warm up pools, JIT, buffers
        awaitNoActiveStreams();

        AtomicLong cancelRecords = new AtomicLong();
        server.metrics().addListener(r -> {
            if (r.status() == Status.Code.CANCELLED && r.logLine().contains("cancelled after")) {
                cancelRecords.incrementAndGet();
            }
        });
        long cancelledBefore = server.metrics().cancelled();
        int threadsBefore = THREADS.getThreadCount();
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();

        int clientCancelled = runCycles(client, id, cycles, parallel, pool);

        double seconds = (System.nanoTime() - start) / 1e9;
        awaitNoActiveStreams();
        Awaitility.await().atMost(WAIT).until(() -> cancelRecords.get() >= cycles);
        long heapAfter = usedHeapAfterGc();
        int threadsAfter = THREADS.getThreadCount();
        System.out.printf("LOAD start/cancel cycles=%d parallel=%d seconds=%.2f cycles/s=%.0f client-cancelled=%d "
                        + "server-cancel-records=%d threads %d->%d heap-after-gc %.1f->%.1f MiB%n",
                cycles, parallel, seconds, cycles / seconds, clientCancelled, cancelRecords.get(), threadsBefore,
                threadsAfter, heapBefore / 1048576.0, heapAfter / 1048576.0);

        assertThat(clientCancelled).isEqualTo(cycles);
        assertThat(cancelRecords.get()).as("cancels the server recorded").isEqualTo(cycles);
        assertThat(server.metrics().cancelled() - cancelledBefore).isEqualTo(cycles);
        assertThat(threadsAfter - threadsBefore).as("thread growth").isLessThanOrEqualTo(8);
        assertThat(heapAfter - heapBefore).as("heap growth after GC").isLessThan(64L << 20);
    }

    private int runCycles(ReportClient client, List<String> ids, int cycles, int parallel, ExecutorService pool) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < parallel; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                int n;
                while ((n = next.getAndIncrement()) < cycles) {
                    String id = ids.get(n % ids.size());
                    CountDownLatch first = new CountDownLatch(1);
                    CompletableFuture<Status> end = new CompletableFuture<>();
                    ReportCall call = client.fetch(FetchRequest.of(id).withDeadline(WAIT), new ReportListener() {
                        @Override
                        public void onChunk(int n, int total, com.google.protobuf.ByteString data) {
                            first.countDown();
                        }

                        @Override
                        public void onCompleted(StreamStats stats) {
                            end.complete(Status.OK);
                        }

                        @Override
                        public void onFailed(Status status, StreamStats stats) {
                            end.complete(status);
                        }
                    });
                    awaitQuietly(first);
                    call.cancel();
                    if (end.join().getCode() == Status.Code.CANCELLED) {
                        cancelled.incrementAndGet();
                    }
                }
            }, pool));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return cancelled.get();
    }

    /**
     * {@code stalledCount} clients that ask for one chunk of a 1 GiB report and then nothing more,
     * beside {@code others} normal clients: the others complete byte-exact, and the server sends each
     * stalled one no more than flow control allows (its receive window plus the server's on-ready
     * threshold), then nothing while it reads nothing.
     */
    void stalledClients(int stalledCount, int others, boolean sameChannel) throws Exception {
        ManagedChannel stalledChannel = newChannel();
        int chunk = 64 << 10;
        List<ClientCall<byte[], byte[]>> stalled = new ArrayList<>();
        List<CompletableFuture<Status>> stalledEnds = new ArrayList<>();
        AtomicInteger stalledReceived = new AtomicInteger();
        for (int i = 0; i < stalledCount; i++) {
            ClientCall<byte[], byte[]> call = stalledChannel.newCall(RawCalls.GENERATE_REPORT,
                    CallOptions.DEFAULT.withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            CompletableFuture<Status> end = new CompletableFuture<>();
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onMessage(byte[] message) {
                    stalledReceived.incrementAndGet(); // and never request another
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    end.complete(status);
                }
            }, new Metadata());
            call.request(1);
            call.sendMessage(ReportRequest.newBuilder().setReportId("synthetic?size=1GiB&chunk=64KiB").build()
                    .toByteArray());
            call.halfClose();
            stalled.add(call);
            stalledEnds.add(end);
        }
        Awaitility.await().atMost(WAIT).until(() -> stalledReceived.get() == stalledCount);

        ReportClient client = new ReportClient(sameChannel ? stalledChannel : newChannel());
        int size = 4 << 20;
        String id = "synthetic?size=" + size + "B&chunk=" + chunk + "B";
        List<CompletableFuture<VerifyingListener.Result>> results = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            VerifyingListener l = new VerifyingListener();
            client.fetch(FetchRequest.of(id).withDeadline(WAIT), l);
            results.add(l.result);
        }
        for (CompletableFuture<VerifyingListener.Result> f : results) {
            VerifyingListener.Result r = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.exact(size / chunk, size)).as("a client beside the stalled ones: %s", r).isTrue();
        }

        // Only the stalled streams are left; once flow control has stopped them, they stay put.
        // The client sees OK a moment before the server's bookkeeping ends a call: wait for it.
        awaitActiveStreams(stalledCount);
        java.util.function.IntSupplier sentToStalled =
                () -> server.metrics().activeChunksSent().stream().mapToInt(Integer::intValue).sum();
        int sent = awaitStable(sentToStalled);
        VerifyingListener more = new VerifyingListener();
        client.fetch(FetchRequest.of(id).withDeadline(WAIT), more);
        assertThat(more.result.get(WAIT.toSeconds(), TimeUnit.SECONDS).exact(size / chunk, size)).isTrue();
        awaitActiveStreams(stalledCount);
        int sentLater = sentToStalled.getAsInt();
        double perStalledMiB = sent * (double) chunk / stalledCount / 1048576;
        System.out.printf("LOAD stalled clients=%d same-channel=%b others=%d stalled-received=%d "
                + "server-produced-for-stalled=%.1f MiB (%.2f MiB each, of a 1 GiB report)%n", stalledCount,
                sameChannel, others, stalledReceived.get(), sent * (double) chunk / 1048576, perStalledMiB);

        // Per stream: the client's HTTP/2 window (1 MiB, auto-tuned) plus the server's 1 MiB on-ready
        // threshold. 8 MiB each is generous and still under 1 % of the report.
        assertThat(perStalledMiB).as("MiB the server produced per client that read one chunk").isLessThan(8);
        assertThat(sentLater).as("no progress while the clients read nothing").isEqualTo(sent);
        stalled.forEach(c -> c.cancel("the test is done", null));
        for (CompletableFuture<Status> end : stalledEnds) {
            assertThat(end.get(30, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.CANCELLED);
        }
        awaitNoActiveStreams();
    }

    void awaitNoActiveStreams() {
        awaitActiveStreams(0);
    }

    private void awaitActiveStreams(int count) {
        Awaitility.await().atMost(WAIT).untilAsserted(
                () -> assertThat(server.metrics().activeStreams()).as("streams open on the server").isEqualTo(count));
    }

    private static CompletableFuture<VerifyingListener.Result> warmUp(ReportClient client) {
        VerifyingListener l = new VerifyingListener();
        client.fetch(FetchRequest.of("synthetic?size=1KiB&chunk=1KiB").withDeadline(WAIT), l);
        return l.result;
    }

    /** Polls until five samples 100 ms apart agree; returns that value. */
    private static int awaitStable(java.util.function.IntSupplier value) {
        int[] last = {value.getAsInt()};
        int[] same = {0};
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            int v = value.getAsInt();
            same[0] = v == last[0] ? same[0] + 1 : 0;
            last[0] = v;
            return same[0] >= 5;
        });
        return last[0];
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static int countThreads(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("waited too long");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        channels.forEach(Channels::shutdown);
        clientExecutor.shutdownNow();
        server.close();
    }
}
