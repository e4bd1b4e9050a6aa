package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** gRPC's own status wording, as it really arrives, turned into one plain sentence each. */
class FailureTextTest {

    private static final Target TARGET = new Target("reports.example", 50051);
    /** Words that mean a gRPC developer's text reached the user. */
    private static final String[] JARGON = {"CallOptions", "Name resolution", "io exception", "Exception", "Status{",
        "closed=[", "connecting_and_lb_delay", "GOAWAY", "ENHANCE_YOUR_CALM", "likely gone"};

    static Stream<Arguments> grpcWordings() {
        return Stream.of(
                Arguments.of(Status.UNAVAILABLE.withDescription("Unable to resolve host reports.example")
                        .withCause(new UnknownHostException("reports.example: Name or service not known")),
                        "cannot find the server: the host name in reports.example:50051 does not resolve"),
                Arguments.of(Status.UNAVAILABLE.withDescription("io exception").withCause(
                        new ConnectException("Connection refused: reports.example/192.0.2.1:50051")),
                        "server not reachable at reports.example:50051"),
                Arguments.of(Status.UNAVAILABLE.withDescription("Keepalive failed. The connection is likely gone"),
                        "the server at reports.example:50051 stopped answering (no reply to keepalive pings)"),
                Arguments.of(Status.UNAVAILABLE.withDescription("io exception").withCause(
                        new RuntimeException(new SSLHandshakeException("PKIX path building failed"))),
                        "the TLS handshake with reports.example:50051 failed (PKIX path building failed)"),
                Arguments.of(Status.UNAVAILABLE.withDescription("io exception").withCause(new java.io.IOException(
                        "recvAddress(..) failed with error(-104): Connection reset by peer")),
                        "the connection to reports.example:50051 was lost (Connection reset by peer); resume when"),
                Arguments.of(Status.UNAVAILABLE.withDescription("Network closed for unknown reason"),
                        "the connection to reports.example:50051 was lost; resume when the server is back"),
                Arguments.of(Status.UNAVAILABLE.withDescription(
                        "the server is shutting down; resume from the next chunk later"),
                        "the server is shutting down; resume from the next chunk later"),
                Arguments.of(Status.DEADLINE_EXCEEDED.withDescription("CallOptions deadline exceeded after "
                        + "0.174629430s. Name resolution delay 0.000000000 seconds. [closed=[], "
                        + "open=[[connecting_and_lb_delay=0.17s]]]"),
                        "the deadline passed before the report was complete; give it a longer deadline"),
                Arguments.of(Status.DEADLINE_EXCEEDED.withDescription(
                        "the deadline of 200 ms passed before the report was complete"),
                        "the deadline of 200 ms passed before the report was complete; give it a longer deadline"),
                Arguments.of(Status.RESOURCE_EXHAUSTED.withDescription("Connection closed after GOAWAY. HTTP/2 "
                        + "error code: ENHANCE_YOUR_CALM (Bandwidth exhausted), debug data: too_many_pings"),
                        "refused our keepalive pings (too_many_pings); it must permit a ping every 20 s"),
                Arguments.of(Status.UNIMPLEMENTED.withDescription("Method not found: ReportService/GenerateReport"),
                        "does not offer ReportService/GenerateReport"),
                Arguments.of(Status.UNKNOWN, "the server failed with an unexpected error; see the server's log"),
                Arguments.of(Status.NOT_FOUND.withDescription("no report 'q3'"), "no report 'q3'"));
    }

    @ParameterizedTest
    @MethodSource("grpcWordings")
    void grpcWordingBecomesOnePlainSentence(Status status, String expected) {
        String text = FailureText.explain(status, TARGET);
        assertThat(text).contains(expected).doesNotContain("\n");
        assertThat(Arrays.stream(JARGON).filter(text::contains)).as(text).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Status.Code.class)
    void everyStatusHasWordsEvenWithoutADescription(Status.Code code) {
        String text = FailureText.explain(Status.fromCode(code), null);
        assertThat(text).isNotBlank().doesNotContain("null").doesNotContain("\n");
        assertThat(Arrays.stream(JARGON).filter(text::contains)).as(text).isEmpty();
    }

    @Test
    void ourServersWordsAreKept() {
        assertThat(FailureText.explain(Status.INVALID_ARGUMENT.withDescription("chunk must be 1 B to 1 MiB, got 0"),
                TARGET)).isEqualTo("chunk must be 1 B to 1 MiB, got 0");
    }
}
