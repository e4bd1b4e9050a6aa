package org.reportviewer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.Channels;
import org.reportviewer.client.ConnectionSpec;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;
import org.reportviewer.testing.LibraryLogCapture;
import org.reportviewer.testing.RecordingListener;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.testing.StderrCapture;
import org.reportviewer.testing.TestCertificates;

/** TLS from PEM files and bearer-token auth, with a CA and certificate made at test time. */
class TlsAndTokenTest {

    private static final String TOKEN = "s3cret-T0ken-that-must-never-be-logged";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static TestCertificates.Pem pem;
    private static ReportServer tlsServer;
    private static ReportServer tokenServer;

    @BeforeAll
    static void start() throws Exception {
        pem = TestCertificates.create(dir.resolve("pki"), "Test CA");
        ServerTls tls = pem.serverTls();
        tlsServer = ReportServer.create(ServerConfig.loopback(0).withTls(tls), catalog()).start();
        tokenServer = ReportServer.create(ServerConfig.loopback(0).withTls(tls).withBearerToken(TOKEN), catalog())
                .start();
    }

    @AfterAll
    static void stop() {
        tlsServer.close();
        tokenServer.close();
    }

    private static ReportCatalog catalog() {
        return new ReportCatalog(java.util.List.of(new DemoSource(0), new SyntheticSource()));
    }

    @Test
    void demoStreamsOverTlsTrustingTheGivenCa() throws Exception {
        ConnectionSpec spec = ConnectionSpec.tls(new Target("localhost", tlsServer.port()), pem.caCert());
        RecordingListener l = fetch(spec, "demo");

        assertThat(l.failure).isNull();
        assertThat(l.chunkNumbers).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(l.text()).isEqualTo(SeedServer.expectedText("demo"));
    }

    @Test
    void ipAddressInTheCertificateAlsoVerifies() throws Exception {
        RecordingListener l = fetch(ConnectionSpec.tls(new Target("127.0.0.1", tlsServer.port()), pem.caCert()),
                "synthetic?size=100KiB&chunk=8KiB");
        assertThat(l.failure).isNull();
        assertThat(l.bytes()).hasSize(100 << 10);
    }

    @Test
    void plaintextClientAgainstTlsServerFailsCleanly() throws Exception {
        RecordingListener l = fetch(ConnectionSpec.plaintext(new Target("127.0.0.1", tlsServer.port())), "demo");

        assertThat(l.failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(l.chunkNumbers).isEmpty();
        // The server shrugs it off and keeps serving TLS clients.
        assertThat(fetch(ConnectionSpec.tls(new Target("localhost", tlsServer.port()), pem.caCert()), "demo").failure)
                .isNull();
    }

    @Test
    void serverSignedByAnotherCaIsNotTrusted() throws Exception {
        TestCertificates.Pem other = TestCertificates.create(dir.resolve("other"), "Some Other CA");
        RecordingListener l = fetch(ConnectionSpec.tls(new Target("localhost", tlsServer.port()), other.caCert()),
                "demo");

        assertThat(l.failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(causes(l.failure)).containsIgnoringCase("certificat");
        assertThat(l.chunkNumbers).isEmpty();
    }

    @Test
    void systemTrustStoreDoesNotTrustATestCa() throws Exception {
        RecordingListener l = fetch(ConnectionSpec.tls(new Target("localhost", tlsServer.port()), null), "demo");
        assertThat(l.failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void tlsClientAgainstPlaintextServerFailsCleanly() throws Exception {
        try (ReportServer plain = ReportServer.create(ServerConfig.loopback(0), catalog()).start()) {
            RecordingListener l = fetch(ConnectionSpec.tls(new Target("localhost", plain.port()), pem.caCert()), "demo");
            assertThat(l.failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void badCertificateFilesFailAtConfigurationWithAReadableMessage() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello\n");
        assertThatThrownBy(() -> new ServerTls(pem.serverCert(), notAKey).sslContext())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot use TLS certificate")
                .hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> new ServerTls(pem.serverCert(), dir.resolve("missing.key")))
                .hasMessageContaining("missing.key does not exist");
        assertThatThrownBy(() -> new ConnectionSpec(new Target("localhost", 1), false, pem.caCert(), null))
                .hasMessageContaining("only used with TLS");
    }

    @Test
    void tokenIsRequiredAndNeverLogged() throws Exception {
        Target target = new Target("localhost", tokenServer.port());
        ConnectionSpec tls = ConnectionSpec.tls(target, pem.caCert());
        String wrong = "wr0ng-" + TOKEN;
        RecordingListener ok;
        RecordingListener none;
        RecordingListener bad;
        String logs;
        String grpcLogs;
        // gRPC's own java.util.logging at every level (DEBUG and TRACE included), and stderr.
        try (StderrCapture stderr = new StderrCapture(); LibraryLogCapture grpc = new LibraryLogCapture()) {
            ok = fetch(tls.withToken(TOKEN), "demo");
            none = fetch(tls, "demo");
            bad = fetch(tls.withToken(wrong), "demo");
            // Each refusal is logged (so this capture demonstrably sees the server's log) ...
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> stderr.text().contains("the bearer token is not valid"));
            logs = stderr.text();
            grpcLogs = grpc.text();
            assertThat(grpc.lines()).as("gRPC logged at DEBUG/TRACE while the calls ran").isNotEmpty();
        }
        assertThat(grpcLogs).doesNotContain(TOKEN).doesNotContain(wrong);
        assertThat(ok.failure).isNull();
        assertThat(ok.chunkNumbers).hasSize(10);
        assertThat(none.failure.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(none.failure.getDescription()).contains("no authorization header");
        assertThat(bad.failure.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(bad.failure.getDescription()).contains("not valid").doesNotContain(wrong).doesNotContain(TOKEN);
        assertThat(logs).contains("refused ReportService/GenerateReport").contains("no authorization header")
                .contains("completed 10 chunks");
        // ... but neither the real token nor the wrong one ever appears.
        assertThat(logs).doesNotContain(TOKEN).doesNotContain("s3cret");
        assertThat(tls.withToken(TOKEN).toString()).doesNotContain(TOKEN);
    }

    @Test
    void healthIsOpenForProbesButReflectionNeedsTheToken() throws Exception {
        ManagedChannel channel = ConnectionSpec.tls(new Target("localhost", tokenServer.port()), pem.caCert())
                .openChannel();
        try {
            HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("ReportService").build());
            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

            ServerReflectionRequest list = ServerReflectionRequest.newBuilder().setListServices("*").build();
            assertThat(reflect(ServerReflectionGrpc.newStub(channel), list).status().getCode())
                    .isEqualTo(Status.Code.UNAUTHENTICATED);

            // With the token, reflection works and still knows ReportService's schema (the request
            // guard re-wraps the service definition; it must keep the descriptors).
            ServerReflectionGrpc.ServerReflectionStub authorized = ServerReflectionGrpc.newStub(channel)
                    .withCallCredentials(ConnectionSpec.tls(new Target("localhost", 1), null).withToken(TOKEN)
                            .callCredentials());
            Reflected services = reflect(authorized, list);
            assertThat(services.status().isOk()).as("%s", services.status()).isTrue();
            assertThat(services.responses().get(0).getListServicesResponse().getServiceList())
                    .extracting(s -> s.getName()).contains("ReportService", "grpc.health.v1.Health");
            Reflected file = reflect(authorized,
                    ServerReflectionRequest.newBuilder().setFileContainingSymbol("ReportService").build());
            assertThat(file.responses().get(0).getFileDescriptorResponse().getFileDescriptorProtoCount()).isPositive();

            ReportClient withToken = new ReportClient(channel,
                    ConnectionSpec.tls(new Target("localhost", 1), null).withToken(TOKEN).callCredentials());
            assertThat(withToken.listReports(DEADLINE).get(10, TimeUnit.SECONDS).supported()).isTrue();
            assertThatThrownBy(() -> new ReportClient(channel).listReports(DEADLINE).join())
                    .hasCauseInstanceOf(StatusRuntimeException.class)
                    .hasMessageContaining("UNAUTHENTICATED");
        } finally {
            Channels.shutdown(channel);
        }
    }

    @Test
    void tokenOverPlaintextLoopbackWorks() throws Exception {
        try (ReportServer plain = ReportServer.create(ServerConfig.loopback(0).withBearerToken(TOKEN), catalog())
                .start()) {
            ConnectionSpec spec = ConnectionSpec.plaintext(new Target("127.0.0.1", plain.port()));
            assertThat(fetch(spec.withToken(TOKEN), "demo").failure).isNull();
            assertThat(fetch(spec.withToken("nope"), "demo").failure.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    private record Reflected(Status status, java.util.List<ServerReflectionResponse> responses) {}

    private static Reflected reflect(ServerReflectionGrpc.ServerReflectionStub stub, ServerReflectionRequest request)
            throws Exception {
        java.util.List<ServerReflectionResponse> responses = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Status> end = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<ServerReflectionResponse>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        responses.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        end.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        end.complete(Status.OK);
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        return new Reflected(end.get(10, TimeUnit.SECONDS), responses);
    }

    private static RecordingListener fetch(ConnectionSpec spec, String reportId) throws InterruptedException {
        ManagedChannel channel = spec.openChannel();
        try {
            RecordingListener l = new RecordingListener();
            spec.client(channel).fetch(FetchRequest.of(reportId).withDeadline(DEADLINE), l);
            assertThat(l.done.await(20, TimeUnit.SECONDS)).as("stream ended").isTrue();
            return l;
        } finally {
            Channels.shutdown(channel);
        }
    }

    private static String causes(Status status) {
        StringBuilder b = new StringBuilder(String.valueOf(status.getDescription()));
        for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
            b.append(" / ").append(t);
        }
        return b.toString();
    }
}
