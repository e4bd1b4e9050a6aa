package org.reportviewer.server.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written CSV writer gives FastCSV's bytes (the rules it replaced), for Strings and UTF-8
 * alike, and cuts chunks as documented.
 */
class SqlCsvChunksTest {

    private static final String[][] ROWS = {
        {"#comment?", "#not first", null, ""},
        {"a\rb", "c\r\nd", "e\nf", "\"q\""},
        {"emoji 😀 ok", "ß ü 日本", "lone \uD800 high", "lone \uDC00 low"},
        {"end high \uD83D", "plain", "x,y", "tab\there"},
        {null, null, null, null},
        {"", "#", "\"", ","},
    };

    @Test
    void writesWhatFastCsvWritesForEveryAwkwardValue() {
        StringWriter expected = new StringWriter();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF)
                .quoteStrategy(QuoteStrategies.EMPTY).bufferSize(0).build(expected);
        CsvChunks chunks = new CsvChunks();
        for (String[] row : ROWS) {
            csv.writeRecord(row);
            chunks.add(row);
        }
        chunks.finish();
        byte[] ours = concat(drain(chunks));
        assertThat(new String(ours, StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(expected.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void writesUtf8BytesAsItWritesTheirStrings() {
        CsvChunks strings = new CsvChunks();
        CsvChunks bytes = new CsvChunks();
        for (String[] row : ROWS) {
            strings.add(row);
            Object[] utf8 = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
                utf8[i] = row[i] == null ? null : row[i].getBytes(StandardCharsets.UTF_8);
            }
            bytes.add(utf8);
        }
        strings.finish();
        bytes.finish();
        assertThat(concat(drain(bytes))).isEqualTo(concat(drain(strings)));
    }

    @Test
    void writesIntegersAndDecimalsAsJavaAndBigDecimalWriteThem() {
        long[] values = {0, 1, -1, 9, 10, -10, 99, 100, 999_999_999, 1_000_000_000, -4_294_967_296L,
            999_999_999_999_999_999L, -999_999_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        CsvChunks chunks = new CsvChunks();
        StringBuilder expected = new StringBuilder();
        for (long v : values) {
            chunks.integer(0, v);
            expected.append(v);
            for (int scale : new int[] {0, 1, 2, 18}) {
                if (Math.abs(v) <= 999_999_999_999_999_999L && v != Long.MIN_VALUE) {
                    chunks.decimal(1, v, scale);
                    expected.append(',').append(java.math.BigDecimal.valueOf(v, scale).toPlainString());
                }
            }
            chunks.bool(2, v > 0);
            expected.append(',').append(v > 0);
            chunks.endRow();
            expected.append('\n');
        }
        chunks.finish();
        assertThat(new String(concat(drain(chunks)), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    }

    @Test
    void cutsAfterTheRowThatReachesTheTargetAndSplitsAHugeRow() {
        CsvChunks chunks = new CsvChunks();
        String[] row = {"x".repeat(999)}; // 1,000 bytes with its line end
        boolean ready = false;
        int rows = 0;
        while (!ready) {
            ready = chunks.add(row);
            rows++;
        }
        assertThat(rows).isEqualTo((CsvChunks.TARGET + 999) / 1000);
        assertThat(chunks.poll().size()).isEqualTo(rows * 1000);
        assertThat(chunks.poll()).isNull();

        String[] huge = {"y".repeat(CsvChunks.MAX_CHUNK * 2)};
        assertThat(chunks.add(huge)).isTrue();
        List<ByteString> parts = drain(chunks);
        assertThat(parts).extracting(ByteString::size)
                .containsExactly(CsvChunks.MAX_CHUNK, CsvChunks.MAX_CHUNK, 1);
    }

    private static List<ByteString> drain(CsvChunks chunks) {
        List<ByteString> out = new ArrayList<>();
        for (ByteString b; (b = chunks.poll()) != null; ) {
            out.add(b);
        }
        return out;
    }

    private static byte[] concat(List<ByteString> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(p -> out.writeBytes(p.toByteArray()));
        return out.toByteArray();
    }
}
