package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.reportviewer.client.BearerToken;

class StatusTextsTest {

    @Test
    void unavailableNamesTheTargetAndTheCauseWithoutNettyNoise() {
        Status s = Status.UNAVAILABLE.withDescription("io exception").withCause(
                new ConnectException("finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:1"));
        assertThat(StatusTexts.explain(s, "demo", "127.0.0.1:1", 0, null))
                .isEqualTo("UNAVAILABLE: server not reachable at 127.0.0.1:1 — it is not running, the address is "
                        + "wrong, or the connection was lost. (Connection refused: /127.0.0.1:1)");
    }

    @Test
    void cancelledAndDeadlineSayWhatIsKept() {
        assertThat(StatusTexts.explain(Status.CANCELLED, "x", "h:1", 3, null)).contains("The 3 chunks that arrived are kept.");
        assertThat(StatusTexts.explain(Status.DEADLINE_EXCEEDED, "x", "h:1", 1, Duration.ofSeconds(30)))
                .startsWith("DEADLINE_EXCEEDED: the report did not finish within 30.0 s.")
                .endsWith("The 1 chunk that arrived is kept.");
        assertThat(StatusTexts.explain(Status.NOT_FOUND, "q9", "h:1", 0, null)).contains("no report 'q9'");
    }

    @Test
    void unauthenticatedSaysTheServerWantsATokenOrThatTheClientHeldItBack() {
        assertThat(StatusTexts.explain(Status.UNAUTHENTICATED.withDescription("no token"), "x", "h:1", 0, null))
                .isEqualTo("UNAUTHENTICATED: " + StatusTexts.WANTS_TOKEN + " (server: no token).");
        assertThat(StatusTexts.explain(BearerToken.withheld("example.com:443"), "x", "example.com:443", 0, null))
                .startsWith("UNAUTHENTICATED: the token was not sent — refusing to send the token")
                .endsWith("use TLS.");
    }

    @Test
    void deadlinesParseWithUnitsAndRefuseNonsense() {
        assertThat(Deadlines.parse("")).isNull();
        assertThat(Deadlines.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Deadlines.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Deadlines.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Deadlines.parse("1.5 h")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> Deadlines.parse("soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Deadlines.parse("0s")).hasMessageContaining("more than 0");
    }

    @Test
    void aServerThatWentSilentIsNotCalledUnreachable() {
        // The status gRPC ends a call with when keepalive pings go unanswered.
        Status s = Status.UNAVAILABLE.withDescription("Keepalive failed. The connection is likely gone");
        assertThat(StatusTexts.explain(s, "x", "127.0.0.1:9", 12, null)).isEqualTo("UNAVAILABLE: the server at "
                + "127.0.0.1:9 stopped answering (no reply to keepalive pings); the connection is probably gone. "
                + "The 12 chunks that arrived are kept.");
    }
}
