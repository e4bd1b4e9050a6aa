package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.Locale;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.reportviewer.client.FetchOutcome;

class SummaryLineTest {

    @Test
    void hasTheStableForm() {
        assertThat(SummaryLine.format(10, 310, "OK", 12, 1034, 0.2998, 0))
                .isEqualTo("received=10 bytes=310 status=OK first_ms=12 total_ms=1034 mbps=0.300 gaps=0");
    }

    @Test
    void comesFromAnOutcomeWithDecimalMegabytesPerSecond() {
        // 50,000,000 bytes in 2 s = 25 MB/s (decimal megabytes).
        FetchOutcome o = new FetchOutcome(Status.UNAVAILABLE, 763, 50_000_000, 7_000_000, 2_000_000_000L, 1, 2,
                763, false);
        assertThat(SummaryLine.format(o))
                .isEqualTo("received=763 bytes=50000000 status=UNAVAILABLE first_ms=7 total_ms=2000 mbps=25.000 gaps=1");
    }

    @Test
    void noChunkMeansFirstMsMinusOne() {
        FetchOutcome o = new FetchOutcome(Status.NOT_FOUND, 0, 0, -1, 30_000_000, 0, 0, 0, false);
        assertThat(SummaryLine.format(o))
                .isEqualTo("received=0 bytes=0 status=NOT_FOUND first_ms=-1 total_ms=30 mbps=0.000 gaps=0");
    }

    @Test
    void ignoresTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // would print 1,500 and group digits
            assertThat(SummaryLine.format(1234, 1_500_000, "OK", 1, 1000, 1.5, 0))
                    .isEqualTo("received=1234 bytes=1500000 status=OK first_ms=1 total_ms=1000 mbps=1.500 gaps=0");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void patternReadsEveryField() {
        Matcher m = SummaryLine.PATTERN.matcher(SummaryLine.format(3, 93, "CANCELLED", -1, 20, 0.004, 0));
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo("3");
        assertThat(m.group(2)).isEqualTo("93");
        assertThat(m.group(3)).isEqualTo("CANCELLED");
        assertThat(m.group(4)).isEqualTo("-1");
        assertThat(m.group(5)).isEqualTo("20");
        assertThat(m.group(6)).isEqualTo("0.004");
        assertThat(m.group(7)).isEqualTo("0");
    }
}
