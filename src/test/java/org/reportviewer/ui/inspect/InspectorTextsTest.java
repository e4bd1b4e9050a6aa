package org.reportviewer.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reportviewer.client.CallDetails;
import org.reportviewer.client.RateHistory;
import org.reportviewer.client.StreamStats;

class InspectorTextsTest {

    private static CallDetails call(int start, int chunks, long bytes, int total, long headersNanos, Status.Code code) {
        return new CallDetails("127.0.0.1:50051", "demo", null, start, List.of(), headersNanos, List.of(), code, null,
                List.of(), new StreamStats(start, chunks, bytes, total, 0, 0, chunks > 0 ? 5_000_000 : -1, 9_000_000));
    }

    @Test
    void saysWhereTheCallStands() {
        assertThat(InspectorTexts.status(null)).isEqualTo("No call yet");
        assertThat(InspectorTexts.status(call(0, 0, 0, 0, -1, null))).isEqualTo("Waiting for the server…");
        assertThat(InspectorTexts.status(call(0, 0, 0, 0, 1000, null))).isEqualTo("Headers received, waiting for data…");
        assertThat(InspectorTexts.status(call(0, 2, 10, 0, 1000, null))).isEqualTo("Streaming…");
        assertThat(InspectorTexts.status(call(0, 2, 10, 0, 1000, Status.Code.UNAVAILABLE))).isEqualTo("UNAVAILABLE");
    }

    @Test
    void requestAndFigures() {
        assertThat(InspectorTexts.deadline(null)).isEqualTo("none");
        assertThat(InspectorTexts.deadline(Duration.ofSeconds(30))).isEqualTo("30.0 s");
        assertThat(InspectorTexts.startChunk(call(0, 0, 0, 0, -1, null))).isEqualTo("0 (the whole report)");
        assertThat(InspectorTexts.startChunk(call(1200, 0, 0, 0, -1, null))).isEqualTo("1,200 (a resume)");
        assertThat(InspectorTexts.chunks(call(7, 2, 10, 10, 0, null))).as("of the chunks this call sends").isEqualTo("2 of 3");
        assertThat(InspectorTexts.chunks(call(0, 2, 10, 0, 0, null))).isEqualTo("2");
        assertThat(InspectorTexts.bytes(call(0, 1, 999, 0, 0, null))).isEqualTo("999 B");
        assertThat(InspectorTexts.bytes(call(0, 1, 1_572_864, 0, 0, null))).isEqualTo("1.50 MiB (1,572,864 B)");
    }

    @Test
    void ratesReadInAUnitThatFits() {
        RateHistory h = new RateHistory();
        h.record(0, 0);
        h.record(250_000_000L, 5); // 20 B/s
        h.record(500_000_000L, 262_149);

        assertThat(InspectorTexts.rate(h)).isEqualTo("now 1.05 MB/s · peak 1.05 MB/s over the last 30 s");
    }
}
