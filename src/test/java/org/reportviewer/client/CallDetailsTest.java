package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reportviewer.client.CallDetails.Header;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;
import org.reportviewer.testing.RecordingListener;

/** The call metadata a ReportCall captures, against an in-process server that sets headers and trailers. */
class CallDetailsTest {

    private static final Metadata.Key<String> HEADER = Metadata.Key.of("x-test-header", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<byte[]> BLOB = Metadata.Key.of("x-blob-bin", Metadata.BINARY_BYTE_MARSHALLER);
    private static final Metadata.Key<String> TRAILER = Metadata.Key.of("x-test-trailer", Metadata.ASCII_STRING_MARSHALLER);

    private Server server;
    private ManagedChannel channel;
    private ReportClient client;
    private volatile StreamObserver<ReportChunk> held;

    /** Reports by id: "three" (3 chunks of "abc"), "rich" (1 chunk, then NOT_FOUND with details), ... */
    private final class Service extends ReportServiceGrpc.ReportServiceImplBase {
        @Override
        public void generateReport(ReportRequest request, StreamObserver<ReportChunk> out) {
            switch (request.getReportId()) {
                case "three" -> {
                    for (int i = 0; i < 3; i++) {
                        out.onNext(chunk(i, "abc"));
                    }
                    out.onCompleted();
                }
                case "rich" -> {
                    out.onNext(chunk(0, "x"));
                    out.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                            .setCode(Code.NOT_FOUND_VALUE)
                            .setMessage("report 'rich' was deleted")
                            .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("REPORT_DELETED")
                                    .setDomain("reports.example").build()))
                            .addDetails(Any.pack(RetryInfo.newBuilder()
                                    .setRetryDelay(Duration.newBuilder().setSeconds(30)).build()))
                            .build()));
                }
                case "refused" -> out.onError(Status.PERMISSION_DENIED.withDescription("not yours").asException());
                case "gap" -> {
                    out.onNext(chunk(0, "a"));
                    out.onNext(chunk(5, "b"));
                    out.onCompleted();
                }
                default -> {
                    out.onNext(chunk(request.getStartChunk(), "first"));
                    held = out; // the test ends it
                }
            }
        }

        private static ReportChunk chunk(int n, String data) {
            return ReportChunk.newBuilder().setChunkNumber(n).setData(ByteString.copyFromUtf8(data)).build();
        }
    }

    /** Adds a header (ASCII and binary) and a trailer to every call, like a real server's middleware. */
    private static final ServerInterceptor METADATA = new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                ServerCallHandler<Q, R> next) {
            return next.startCall(new SimpleForwardingServerCall<>(call) {
                @Override
                public void sendHeaders(Metadata h) {
                    h.put(HEADER, "hello");
                    h.put(BLOB, new byte[] {1, 2, 3});
                    super.sendHeaders(h);
                }

                @Override
                public void close(Status status, Metadata trailers) {
                    trailers.put(TRAILER, "bye");
                    super.close(status, trailers);
                }
            }, headers);
        }
    };

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(new Service(), METADATA)).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        client = new ReportClient(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CallDetails run(FetchRequest request) throws Exception {
        ReportCall call = client.fetch(request, new RecordingListener());
        call.result().get(10, TimeUnit.SECONDS);
        return call.details();
    }

    @Test
    void recordsTheRequestHeadersTrailersAndOkStatus() throws Exception {
        CallDetails d = run(FetchRequest.of("three").withDeadline(java.time.Duration.ofSeconds(42)));

        assertThat(d.target()).isEqualTo(channel.authority());
        assertThat(d.reportId()).isEqualTo("three");
        assertThat(d.deadline()).isEqualTo(java.time.Duration.ofSeconds(42));
        assertThat(d.startChunk()).isZero();
        assertThat(d.headers()).contains(new Header("x-test-header", "hello"), new Header("x-blob-bin", "AQID (3 bytes)"));
        assertThat(d.headersNanos()).isGreaterThanOrEqualTo(0);
        assertThat(d.trailers()).contains(new Header("x-test-trailer", "bye"));
        assertThat(d.ended()).isTrue();
        assertThat(d.code()).isEqualTo(Status.Code.OK);
        assertThat(d.description()).isEmpty();
        assertThat(d.errorDetails()).isEmpty();
        assertThat(d.stats().chunks()).isEqualTo(3);
        assertThat(d.stats().bytes()).isEqualTo(9);
        assertThat(d.stats().firstChunkNanos()).isGreaterThanOrEqualTo(d.headersNanos());
    }

    @Test
    void showsAStreamStillRunning() throws Exception {
        ReportCall call = client.fetch(FetchRequest.of("hold").withStartChunk(7), new RecordingListener());
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> call.details().stats().chunks() == 1);

        CallDetails live = call.details();
        assertThat(live.startChunk()).isEqualTo(7);
        assertThat(live.deadline()).isNull();
        assertThat(live.headers()).contains(new Header("x-test-header", "hello"));
        assertThat(live.trailers()).isEmpty();
        assertThat(live.ended()).isFalse();
        assertThat(live.code()).isNull();

        held.onCompleted();
        call.result().get(10, TimeUnit.SECONDS);
        assertThat(call.details().trailers()).contains(new Header("x-test-trailer", "bye"));
        assertThat(call.details().code()).isEqualTo(Status.Code.OK);
    }

    @Test
    void decodesTheServersErrorDetails() throws Exception {
        CallDetails d = run(FetchRequest.of("rich"));

        assertThat(d.code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(d.description()).isEqualTo("report 'rich' was deleted");
        assertThat(d.errorDetails()).containsExactly(
                "ErrorInfo reason: \"REPORT_DELETED\" domain: \"reports.example\"",
                "RetryInfo retry_delay { seconds: 30 }");
        assertThat(d.trailers()).contains(new Header("x-test-trailer", "bye"))
                .anyMatch(h -> h.name().equals("grpc-status-details-bin"));
        assertThat(d.stats().chunks()).isEqualTo(1);
    }

    @Test
    void aRefusalWithoutHeadersStillHasItsTrailersAndStatus() throws Exception {
        CallDetails d = run(FetchRequest.of("refused"));

        // gRPC sends a refusal before any message as trailers only: the server's headers ride there.
        assertThat(d.headers()).isEmpty();
        assertThat(d.headersNanos()).isEqualTo(-1);
        assertThat(d.trailers()).contains(new Header("x-test-trailer", "bye"));
        assertThat(d.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(d.description()).isEqualTo("not yours");
        assertThat(d.errorDetails()).isEmpty();
        assertThat(d.stats().firstChunkNanos()).isEqualTo(-1);
    }

    @Test
    void theFinalStatusIsTheOneTheClientEndedWith() throws Exception {
        CallDetails d = run(FetchRequest.of("gap"));

        // The transport only saw a cancel; what the user must see is why the client stopped.
        assertThat(d.code()).isEqualTo(Status.Code.DATA_LOSS);
        assertThat(d.description()).contains("expected chunk 1 but received chunk 5");
        assertThat(d.headers()).contains(new Header("x-test-header", "hello"));
    }

    @Test
    void aSessionsSnapshotsCarryItsLatestCall() throws Exception {
        ReportSession session = new ReportSession("rich", new OutputStreamSink(new java.io.ByteArrayOutputStream(), 0,
                false), SessionOptions.defaults(), null, Runnable::run, null);
        assertThat(session.snapshot().call()).as("no call before the start").isNull();

        SessionSnapshot end = session.start(client).get(10, TimeUnit.SECONDS);

        assertThat(end.call().reportId()).isEqualTo("rich");
        assertThat(end.call().code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(end.call().headers()).contains(new Header("x-test-header", "hello"));
        assertThat(end.call().trailers()).contains(new Header("x-test-trailer", "bye"));
        assertThat(end.call().errorDetails()).hasSize(2);
    }

    @Test
    void detailsReadAsWritten() {
        Any localized = Any.pack(com.google.rpc.LocalizedMessage.newBuilder().setLocale("de-DE")
                .setMessage("Bericht 'Größe' fehlt").build());

        assertThat(ErrorDetails.describe(localized))
                .isEqualTo("LocalizedMessage locale: \"de-DE\" message: \"Bericht 'Größe' fehlt\"");
    }

    @Test
    void unknownDetailTypesShowTheirTypeAndSize() {
        Any any = Any.newBuilder().setTypeUrl("type.example.com/acme.Quota")
                .setValue(ByteString.copyFromUtf8("12345")).build();

        assertThat(ErrorDetails.describe(any)).isEqualTo("type.example.com/acme.Quota (5 bytes)");
        assertThat(ErrorDetails.describe(Status.INTERNAL, null)).isEmpty();
        assertThat(ErrorDetails.describe(Status.INTERNAL, new Metadata())).isEmpty();
    }

    @Test
    void repeatedKeysKeepEveryValue() {
        Metadata m = new Metadata();
        m.put(HEADER, "one");
        m.put(HEADER, "two");
        m.put(TRAILER, "z");

        assertThat(CallCapture.entries(m)).containsExactly(new Header("x-test-header", "one"),
                new Header("x-test-header", "two"), new Header("x-test-trailer", "z"));
    }
}
