package org.reportviewer.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticTextTest {

    private static final String ROW_PATTERN = "\\d{10},2026-\\d\\d-\\d\\d,(EMEA|APAC|NA|LATAM) *,[A-Za-z]+ *,"
            + " *\\d{1,4}, *\\d{1,4}\\.\\d\\d, *\\d{1,7}\\.\\d\\d\n";

    @Test
    void everyRowIsAFixedWidthCsvLineWithItsOwnId() {
        SyntheticText text = new SyntheticText();
        assertThat(row(text, 0)).startsWith("row_id,date,region,product,units,unit_price,amount").endsWith("\n");
        for (long r : new long[] {1, 2, 99, 100, SyntheticText.PERIOD - 1, SyntheticText.PERIOD,
                SyntheticText.PERIOD + 1, 16_777_215, 9_999_999_999L}) {
            String row = row(text, r);
            assertThat(row).as("row %d", r).hasSize(SyntheticText.ROW).matches(ROW_PATTERN);
            assertThat(Long.parseLong(row.substring(0, 10))).isEqualTo(r);
        }
    }

    @Test
    void fieldsRepeatAfterThePeriodButIdsCountOn() {
        SyntheticText text = new SyntheticText();
        String first = row(text, 7);
        String again = row(text, 7 + SyntheticText.PERIOD);
        assertThat(again.substring(10)).isEqualTo(first.substring(10));
        assertThat(again.substring(0, 10)).isEqualTo(String.format("%010d", 7 + SyntheticText.PERIOD));
        assertThat(row(text, 8).substring(10)).isNotEqualTo(first.substring(10));
    }

    @Test
    void anyRangeReadsTheSameBytesAsOneSequentialPass() {
        int size = 3 * SyntheticText.PERIOD * SyntheticText.ROW + 777;
        byte[] whole = new byte[size];
        new SyntheticText().fill(0, whole);

        // In order, in odd-sized pieces (the counting-on path) ...
        SyntheticText sequential = new SyntheticText();
        byte[] pieces = new byte[size];
        for (int at = 0; at < size; ) {
            byte[] piece = new byte[Math.min(1000, size - at)];
            sequential.fill(at, piece);
            System.arraycopy(piece, 0, pieces, at, piece.length);
            at += piece.length;
        }
        assertThat(pieces).isEqualTo(whole);

        // ... and at random offsets (a resume starts anywhere).
        Random random = new Random(42);
        SyntheticText jumping = new SyntheticText();
        for (int i = 0; i < 200; i++) {
            int at = random.nextInt(size - 300);
            byte[] piece = new byte[1 + random.nextInt(300)];
            jumping.fill(at, piece);
            assertThat(piece).as("bytes at %d", at).isEqualTo(Arrays.copyOfRange(whole, at, at + piece.length));
        }
    }

    private static String row(SyntheticText text, long r) {
        return new String(text.rowBytes(r), US_ASCII);
    }
}
