package org.reportviewer.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void ratesScaleTheirUnitSoSlowStreamsDoNotReadZero() {
        assertThat(Units.rate(20, 20)).isEqualTo("20 B/s · 20 chunks/s");
        assertThat(Units.rate(2_000, 20)).isEqualTo("2.00 KB/s · 20 chunks/s");
        assertThat(Units.rate(25_300_000, 400)).isEqualTo("25.3 MB/s · 400 chunks/s");
        assertThat(Units.rate(612_000_000, 9_340)).isEqualTo("612 MB/s · 9,340 chunks/s");
        assertThat(Units.rate(1_500_000_000, 0)).isEqualTo("1.50 GB/s · 0.0 chunks/s");
        assertThat(Units.chunkRate(0.5)).isEqualTo("0.5 chunks/s");
    }

    @Test
    void sizesCountsAndTimes() {
        assertThat(Units.bytes(512)).isEqualTo("512 B");
        assertThat(Units.bytes(100 * 1024)).isEqualTo("100 KiB");
        assertThat(Units.bytes(1L << 30)).isEqualTo("1.00 GiB");
        assertThat(Units.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Units.millis(-1)).isEqualTo("—");
        assertThat(Units.millis(850)).isEqualTo("850 ms");
        assertThat(Units.millis(12_500)).isEqualTo("12.5 s");
        assertThat(Units.millis(187_000)).isEqualTo("3:07 min");
    }

    @Test
    void rootCauseWalksToTheBottomAndSurvivesLoops() {
        Exception root = new IllegalStateException("disk full");
        assertThat(Errors.rootMessage(new RuntimeException("wrapper", new RuntimeException(root)))).isEqualTo("disk full");
        assertThat(Errors.rootMessage(new RuntimeException())).isEqualTo("RuntimeException");
        assertThat(Errors.causedBy(new RuntimeException(root), IllegalStateException.class)).isTrue();
        assertThat(Errors.causedBy(root, IllegalArgumentException.class)).isFalse();
    }

    @Test
    void tokenRuleIsTypedSoEachFrontEndWordsIt() {
        TokenRule.Invalid e = org.junit.jupiter.api.Assertions.assertThrows(TokenRule.Invalid.class,
                () -> TokenRule.check("has spaces"));
        assertThat(e.getMessage()).isEqualTo("the token " + TokenRule.REQUIREMENT);
        assertThat(e.messageFor("--token")).isEqualTo("--token " + TokenRule.REQUIREMENT);
    }
}
