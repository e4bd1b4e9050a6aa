package org.reportviewer.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reportviewer.base.Threads;
import org.reportviewer.proto.ReportServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ReportService with health and reflection, usable embedded (the app starts and closes it)
 * or standalone (the {@code serve} command). Takes a {@link ServerBuilder} so tests can pass an
 * in-process one. {@link #close()} is repeat-safe: stop accepting, let streams in flight finish for
 * a grace period, then end them with UNAVAILABLE.
 */
public final class ReportServer implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 50051;
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    /** Requests are a report id of at most 1 KiB; anything much larger is an attack or a mistake. */
    public static final int MAX_REQUEST_BYTES = 16 << 10;

    /** Netty's leak detection level, as grpc-netty-shaded's Netty reads it (with its older spelling below). */
    static final String LEAK_DETECTION_PROPERTY = "io.grpc.netty.shaded.io.netty.leakDetection.level";
    private static final String OLD_LEAK_DETECTION_PROPERTY = "io.grpc.netty.shaded.io.netty.leakDetectionLevel";

    private static final Logger LOG = LoggerFactory.getLogger(ReportServer.class);

    private final ServerBuilder<?> builder;
    private final ReportCatalog catalog;
    private final Duration grace;
    private final BearerTokenAuth auth;
    private final ServerMetrics metrics = new ServerMetrics();
    private final HealthStatusManager health = new HealthStatusManager();
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Server server;
    private String inProcessName;
    private Server inProcess;

    public ReportServer(ServerBuilder<?> builder, ReportCatalog catalog) {
        this(builder, catalog, DEFAULT_GRACE);
    }

    public ReportServer(ServerBuilder<?> builder, ReportCatalog catalog, Duration grace) {
        this(builder, catalog, grace, null);
    }

    /**
     * @param bearerToken when not {@code null}, ReportService and reflection calls must carry
     *     {@code authorization: Bearer <token>} (health stays open for probes)
     */
    public ReportServer(ServerBuilder<?> builder, ReportCatalog catalog, Duration grace, String bearerToken) {
        this.builder = builder;
        this.catalog = catalog;
        this.grace = grace;
        this.auth = bearerToken == null ? null : new BearerTokenAuth(bearerToken);
        // A fixed pool keeps the thread count bounded however many clients connect.
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.executor = Executors.newFixedThreadPool(threads, Threads.daemons("report-server"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemons("report-timer"));
        leakSamplingOffUnlessAsked();
    }

    /**
     * Netty's default leak detection samples one pooled buffer in 128 and records a stack trace for
     * it, and again when it is released. The server serialises every message into a buffer of its
     * own, so on 100 B chunks that was ~3 % of its CPU (perf; BENCHMARKS.md, "Small chunks, second
     * round"). Off for the whole process (the embedded server's client too), unless the property asks
     * for a level, e.g. {@code -Dio.grpc.netty.shaded.io.netty.leakDetection.level=paranoid} to hunt a leak.
     */
    static void leakSamplingOffUnlessAsked() {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null && System.getProperty(OLD_LEAK_DETECTION_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * A plaintext Netty builder bound to {@code host:port} (port 0 picks a free one), with
     * {@link ServerKeepAlive#DEFAULT}. It applies no bind rule: for an address a user chose, use
     * {@link #create(ServerConfig, ReportCatalog)}.
     */
    public static NettyServerBuilder netty(String host, int port) {
        return netty(host, port, ServerKeepAlive.DEFAULT);
    }

    /** {@link #netty(String, int)} with another keepalive policy (tests, or a stricter deployment). */
    public static NettyServerBuilder netty(String host, int port, ServerKeepAlive keepAlive) {
        return keepAlive.applyTo(NettyServerBuilder.forAddress(new InetSocketAddress(host, port)));
    }

    /**
     * A server as {@code config} says: bound where it says, with TLS and a token when given. Refuses a
     * non-loopback address without TLS unless insecure binding was asked for (see {@link ServerConfig}).
     */
    public static ReportServer create(ServerConfig config, ReportCatalog catalog) {
        return new ReportServer(config.nettyBuilder(), catalog, config.grace(), config.bearerToken());
    }

    /**
     * Also serves the same services, executor and metrics inside this JVM under {@code name}
     * (gRPC's in-process transport), besides the builder's own address: the app's window reaches its
     * embedded server that way without sockets, HTTP/2 framing, copies or event loops. Before {@link #start()}.
     */
    public synchronized ReportServer alsoInProcess(String name) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        inProcessName = name;
        return this;
    }

    /** Starts the server; returns this for chaining. */
    public synchronized ReportServer start() throws IOException {
        if (server != null || closed.get()) {
            throw new IllegalStateException("already started or closed");
        }
        ServerServiceDefinition reports = MalformedRequestGuard.wrap(ServerInterceptors.intercept(
                new ReportServiceImpl(catalog, executor, scheduler, metrics).bindService(),
                new ResponseMetadata(BuildInfo.version())));
        server = withServices(builder, reports).build().start();
        if (inProcessName != null) {
            inProcess = withServices(InProcessServerBuilder.forName(inProcessName), reports).build().start();
        }
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(ReportServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
        return this;
    }

    private ServerBuilder<?> withServices(ServerBuilder<?> b, ServerServiceDefinition reports) {
        return b
                .executor(executor)
                .maxInboundMessageSize(MAX_REQUEST_BYTES)
                .addService(authenticated(reports))
                // Health stays open: load balancers and probes call it without credentials.
                .addService(health.getHealthService())
                .addService(authenticated(ProtoReflectionServiceV1.newInstance().bindService()))
                .addService(authenticated(legacyReflection().bindService()));
    }

    private ServerServiceDefinition authenticated(ServerServiceDefinition service) {
        return auth == null ? service : ServerInterceptors.intercept(service, auth);
    }

    /** grpcurl and older tools still ask the v1alpha reflection service. */
    @SuppressWarnings("deprecation")
    private static BindableService legacyReflection() {
        return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return server.getPort();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Blocks until the server has terminated (standalone use). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Server s;
        Server local;
        synchronized (this) {
            s = server;
            local = inProcess;
        }
        try {
            if (local != null) {
                local.shutdown(); // its streams are in the metrics too: the grace period below covers them
            }
            if (s != null) {
                health.enterTerminalState();
                s.shutdown();
                if (!s.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)
                        || local != null && !local.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    int inFlight = metrics.activeStreams();
                    metrics.activePumps().forEach(p -> p.abort(Status.UNAVAILABLE.withDescription(
                            "the server is shutting down; resume from the next chunk later")));
                    if (!s.awaitTermination(1, TimeUnit.SECONDS)) {
                        s.shutdownNow();
                        s.awaitTermination(5, TimeUnit.SECONDS);
                    }
                    if (local != null) {
                        local.shutdownNow();
                        local.awaitTermination(5, TimeUnit.SECONDS);
                    }
                    LOG.info("ended {} stream(s) still running after the {} ms grace period", inFlight,
                            grace.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (s != null) {
                s.shutdownNow();
            }
            if (local != null) {
                local.shutdownNow();
            }
        } finally {
            scheduler.shutdownNow();
            executor.shutdown();
            awaitQuietly(executor);
            catalog.close(); // after the streams: a database engine outlives its last report
        }
    }

    /**
     * Lets server threads finish what they were doing (a stream that just completed still writes its
     * access-log line); otherwise a JVM exiting right after close() could lose it.
     */
    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
