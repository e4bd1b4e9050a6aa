package org.reportviewer.document;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CsvRecordIndexTest {

    @RegisterExtension
    final TempDocuments docs = new TempDocuments();

    /** What FastCSV reads from the whole text at once: the reference for every row. */
    private static List<List<String>> reference(String text, char delimiter) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader<CsvRecord> r = CsvReader.builder().fieldSeparator(delimiter).allowExtraFields(true)
                .allowMissingFields(true).allowExtraCharsAfterClosingQuote(true).ofCsvRecord(text)) {
            for (CsvRecord rec : r) {
                out.add(rec.getFields());
            }
        }
        return out;
    }

    private static List<List<String>> fieldsOf(List<CsvRow> rows) {
        List<List<String>> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.fields()));
        return out;
    }

    /** Random CSV-ish text from the characters that matter: quotes, delimiters, LF, CRLF, blank lines. */
    private static String randomCsv(Random rnd, int records) {
        String[] atoms = {"a", "bc", ",", ",", "\"", "\"\"", "\n", "\r\n", "é", " ", "\"x,\ny\""};
        StringBuilder sb = new StringBuilder("h1,h2,h3\n");
        for (int r = 0; r < records; r++) {
            int n = 1 + rnd.nextInt(12);
            for (int k = 0; k < n; k++) {
                sb.append(atoms[rnd.nextInt(atoms.length)]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void rowsMatchFastCsvOnRandomTextSplitIntoRandomChunksAndNeverShowHalfARow() throws IOException {
        Random rnd = new Random(11);
        for (int round = 0; round < 40; round++) {
            String text = randomCsv(rnd, 60);
            List<List<String>> ref = reference(text, ',');
            byte[] bytes = text.getBytes(UTF_8);
            ReportDocument doc = docs.create();
            AtomicInteger changes = new AtomicInteger();
            // Small index so marks and stride doubling are exercised too.
            CsvRecordIndex index = new CsvRecordIndex(doc, ',', Runnable::run, changes::incrementAndGet, 4);
            int off = 0;
            while (off < bytes.length) {
                int n = Math.min(bytes.length - off, 1 + rnd.nextInt(7));
                doc.append(ByteString.copyFrom(bytes, off, n));
                off += n;
                index.sourceChanged(false);
                long rows = index.rowCount();
                // Whatever is shown while streaming is already a whole, final row.
                assertThat(rows).isLessThanOrEqualTo(ref.size() - 1);
                assertThat(fieldsOf(index.rows(0, (int) rows)))
                        .as("round %d after %d bytes: %s", round, off, text).isEqualTo(ref.subList(1, (int) rows + 1));
            }
            index.sourceChanged(true);
            assertThat(index.header()).isEqualTo(ref.get(0));
            assertThat(fieldsOf(index.rows(0, Integer.MAX_VALUE))).as("round %d: %s", round, text)
                    .isEqualTo(ref.subList(1, ref.size()));
            // Random windows read through the sparse marks, not only from the start.
            for (int k = 0; k < 20; k++) {
                int first = rnd.nextInt(ref.size() - 1);
                int count = 1 + rnd.nextInt(5);
                List<CsvRow> got = index.rows(first, count);
                assertThat(fieldsOf(got)).isEqualTo(ref.subList(first + 1, Math.min(ref.size(), first + 1 + count)));
                assertThat(got.get(0).row()).isEqualTo(first);
            }
            assertThat(changes.get()).isPositive();
        }
    }

    /**
     * Which row holds each document line, against FastCSV's own line numbers: a record spans from its
     * starting line over the line breaks inside its quoted fields; blank lines go to the next row, the
     * header's lines to row 0, blank lines at the end to the last row.
     */
    @Test
    void rowAtLineFindsTheRecordHoldingALineOverQuotedLineBreaksAndBlankLines() throws IOException {
        Random rnd = new Random(5);
        for (int round = 0; round < 40; round++) {
            String text = randomCsv(rnd, 80) + (round % 2 == 0 ? "\n\n" : "");
            List<long[]> spans = new ArrayList<>(); // first and last line of each record, 0-based
            try (CsvReader<CsvRecord> r = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                    .allowExtraCharsAfterClosingQuote(true).ofCsvRecord(text)) {
                for (CsvRecord rec : r) {
                    long first = rec.getStartingLineNumber() - 1;
                    long breaks = rec.getFields().stream().mapToLong(f -> f.chars().filter(c -> c == '\n').count()).sum();
                    spans.add(new long[] {first, first + breaks});
                }
            }
            ReportDocument doc = docs.create();
            CsvRecordIndex index = new CsvRecordIndex(doc, ',', Runnable::run, () -> { }, 4);
            byte[] bytes = text.getBytes(UTF_8);
            int half = bytes.length / 2;
            doc.append(ByteString.copyFrom(bytes, 0, half));
            index.sourceChanged(false);
            // While streaming: a line not indexed yet is -1 (never a guess), the others already final.
            long[] early = new long[(int) doc.lineCount() + 1];
            for (int line = 0; line < early.length; line++) {
                early[line] = index.rowAtLine(line);
            }
            assertThat(early[early.length - 1]).as("the line after the last one").isEqualTo(-1);
            doc.append(ByteString.copyFrom(bytes, half, bytes.length - half));
            index.sourceChanged(true);
            int k = 0;
            for (long line = 0; line < doc.lineCount(); line++) {
                while (k < spans.size() && spans.get(k)[1] < line) {
                    k++; // the first record that ends at or after the line
                }
                long expected = k == spans.size() ? spans.size() - 2 : Math.max(0, k - 1);
                assertThat(index.rowAtLine(line)).as("round %d, line %d of %s", round, line, text).isEqualTo(expected);
                if (line < early.length && early[(int) line] >= 0) {
                    assertThat(early[(int) line]).as("round %d, line %d while streaming", round, line).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aQuotedFieldStraddlingChunksAppearsOnlyWhenItsClosingChunkArrives() throws IOException {
        ReportDocument doc = docs.create();
        CsvRecordIndex index = new CsvRecordIndex(doc, ',', Runnable::run, () -> { });
        doc.append(ByteString.copyFromUtf8("id,note\n1,plain\n2,\"starts here,\n"));
        index.sourceChanged(false);
        assertThat(index.rowCount()).isEqualTo(1);
        doc.append(ByteString.copyFromUtf8("and \"\"ends\"\" here\"\n3,x"));
        index.sourceChanged(false);
        assertThat(index.rowCount()).as("row 3 has no line end yet").isEqualTo(2);
        assertThat(index.rows(1, 1).get(0).fields()).containsExactly("2", "starts here,\nand \"ends\" here");
        assertThat(index.rows(1, 1).get(0).firstLine()).isEqualTo(2);
        index.sourceChanged(true);
        assertThat(index.rowCount()).as("the stream ended: its unterminated last row counts").isEqualTo(3);
        assertThat(index.rows(2, 1).get(0).fields()).containsExactly("3", "x");
        assertThat(index.rows(2, 1).get(0).firstLine()).isEqualTo(4);
    }

    @Test
    void fieldsLongerThanALineBreakStayWhole() throws IOException {
        String longQuoted = "q".repeat(40_000) + ",\n" + "z".repeat(20_000);
        String longPlain = "p".repeat(50_000);
        String text = "a,b\n\"" + longQuoted + "\"," + longPlain + "\r\nlast,row\r\n";
        ReportDocument doc = docs.create();
        doc.append(ByteString.copyFromUtf8(text));
        CsvRecordIndex index = new CsvRecordIndex(doc, ',', Runnable::run, () -> { });
        index.sourceChanged(false);
        assertThat(doc.lineCount()).as("the document broke the long lines").isGreaterThan(5);
        assertThat(fieldsOf(index.rows(0, 5))).isEqualTo(List.of(List.of(longQuoted, longPlain), List.of("last", "row")));
    }

    @Test
    void anUnbalancedQuoteCannotSwallowTheRestOfTheReport() throws IOException {
        StringBuilder sb = new StringBuilder("id,v\n1,\"never closed\n");
        for (int i = 2; i < 120_000; i++) {
            sb.append(i).append(",row ").append(i).append('\n');
        }
        ReportDocument doc = docs.create();
        doc.append(ByteString.copyFromUtf8(sb.toString()));
        CsvRecordIndex index = new CsvRecordIndex(doc, ',', Runnable::run, () -> { });
        index.sourceChanged(true);
        // ~1.7 MB after the bad quote: the bad record is cut after 1 MiB, the rows after it are rows again.
        assertThat(index.rowCount()).isGreaterThan(1);
        List<CsvRow> tail = index.rows(index.rowCount() - 1, 1);
        assertThat(tail.get(0).fields()).containsExactly("119999", "row 119999");
    }

    @Test
    void scanHandsEachRowsBytesAndFieldReadsAColumn() throws IOException {
        ReportDocument doc = docs.create();
        doc.append(ByteString.copyFromUtf8("k\tv\nx\t\"a\tb\"\ny\tc\n"));
        CsvRecordIndex index = new CsvRecordIndex(doc, '\t', Runnable::run, () -> { });
        index.sourceChanged(false);
        List<String> seen = new ArrayList<>();
        long next = index.scan(0, 10, (row, buf, from, to) -> {
            seen.add(row + ":" + index.field(buf, from, to, 1));
        }, () -> false);
        assertThat(next).isEqualTo(2);
        assertThat(seen).containsExactly("0:a\tb", "1:c");
    }
}
