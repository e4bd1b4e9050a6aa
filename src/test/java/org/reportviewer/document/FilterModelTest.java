package org.reportviewer.document;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FilterModelTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        pool.shutdownNow();
    }

    private ReportDocument newDoc() throws IOException {
        ReportDocument d = ReportDocument.createTemp();
        open.add(d);
        return d;
    }

    private static String line(int i) {
        return "row " + i + (i % 7 == 0 ? " ERROR disk" : i % 5 == 0 ? " error net" : " ok") + (i % 11 == 0 ? " Ünïcode" : "");
    }

    private static List<Long> expected(int lines, java.util.function.Predicate<String> p) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            if (p.test(line(i))) {
                out.add((long) i);
            }
        }
        return out;
    }

    private static List<Long> matchesOf(FilterModel f) {
        MatchList m = f.matches();
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < m.size(); i++) {
            out.add(m.get(i));
        }
        return out;
    }

    @Test
    void keepsUpWithAStreamingReportInTheBackground() throws IOException {
        ReportDocument doc = newDoc();
        AtomicInteger changes = new AtomicInteger();
        FilterModel filter = new FilterModel(new DocumentLines(doc), pool, changes::incrementAndGet);
        open.add(filter);
        filter.setQuery(new FilterQuery("error", false, false, FilterQuery.ANY_COLUMN));
        int lines = 30_000;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            all.append(line(i)).append('\n');
        }
        byte[] bytes = all.toString().getBytes(UTF_8);
        // Chunks that split lines; the filter is told after each, while it is still scanning.
        for (int off = 0; off < bytes.length; off += 4093) {
            doc.append(ByteString.copyFrom(bytes, off, Math.min(4093, bytes.length - off)));
            filter.sourceChanged(false);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> filter.progress().caughtUp()
                && filter.progress().scanned() == lines);
        List<Long> want = expected(lines, s -> s.toLowerCase().contains("error"));
        assertThat(matchesOf(filter)).isEqualTo(want);
        assertThat(filter.progress().matches()).isEqualTo(want.size());
        assertThat(changes.get()).isPositive();
    }

    @Test
    void caseRegexAndTheUnterminatedLastLine() throws IOException {
        ReportDocument doc = newDoc();
        int lines = 5_000;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            all.append(line(i)).append(i == lines - 1 ? "" : "\r\n");
        }
        doc.append(ByteString.copyFromUtf8(all.toString()));
        FilterModel filter = new FilterModel(new DocumentLines(doc), Runnable::run, () -> { });
        open.add(filter);

        filter.setQuery(new FilterQuery("ERROR", false, true, FilterQuery.ANY_COLUMN));
        assertThat(matchesOf(filter)).isEqualTo(expected(lines - 1, s -> s.contains("ERROR")));

        filter.setQuery(new FilterQuery("ünïcode", false, false, FilterQuery.ANY_COLUMN));
        assertThat(matchesOf(filter)).isEqualTo(expected(lines - 1, s -> s.contains("Ünïcode")));

        filter.setQuery(new FilterQuery("^row \\d*9 (ok|error)$", true, false, FilterQuery.ANY_COLUMN));
        Pattern p = Pattern.compile("^row \\d*9 (ok|error)$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        assertThat(matchesOf(filter)).isEqualTo(expected(lines - 1, s -> p.matcher(s).find()));

        // The last line has no line break: it counts once the stream is over.
        filter.sourceChanged(true);
        assertThat(matchesOf(filter)).isEqualTo(expected(lines, s -> p.matcher(s).find()));
        assertThat(filter.progress().scanned()).isEqualTo(lines);
    }

    @Test
    void aNewQueryCancelsTheOldScanAndABadRegexKeepsTheFilter() throws IOException {
        ReportDocument doc = newDoc();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            all.append(line(i)).append('\n');
        }
        doc.append(ByteString.copyFromUtf8(all.toString()));
        List<Runnable> queued = new ArrayList<>();
        FilterModel filter = new FilterModel(new DocumentLines(doc), queued::add, () -> { });
        open.add(filter);
        filter.setQuery(new FilterQuery("ok", false, false, FilterQuery.ANY_COLUMN));
        MatchList first = filter.matches();
        filter.setQuery(new FilterQuery("disk", false, false, FilterQuery.ANY_COLUMN));
        queued.forEach(Runnable::run);
        // The first query never scanned: it was cancelled before its turn. Its (empty) matches stay
        // readable until the query changes once more, then they are gone.
        assertThat(first.size()).isZero();
        queued.clear();
        filter.setQuery(new FilterQuery("disk", false, true, FilterQuery.ANY_COLUMN));
        filter.setQuery(new FilterQuery("disk", false, false, FilterQuery.ANY_COLUMN));
        queued.forEach(Runnable::run);
        assertThatThrownBy(() -> first.get(0)).isInstanceOf(IllegalStateException.class);
        assertThat(filter.progress().matches()).isEqualTo(expected(200_000, s -> s.contains("disk")).size());

        assertThatThrownBy(() -> filter.setQuery(new FilterQuery("(", true, false, FilterQuery.ANY_COLUMN)))
                .isInstanceOf(PatternSyntaxException.class);
        assertThat(filter.query().text()).isEqualTo("disk");

        filter.setQuery(FilterQuery.NONE);
        assertThat(filter.isActive()).isFalse();
        assertThat(filter.matches()).isNull();
    }

    @Test
    void filtersCsvRowsByOneColumn() throws IOException {
        ReportDocument doc = newDoc();
        doc.append(ByteString.copyFromUtf8("name,city\n\"Smith, Ann\",Paris\nParis Hilton,Rome\n"
                + "\"Bo\",\"Paris\nTexas\"\nZed,Oslo\n"));
        CsvRecordIndex rows = new CsvRecordIndex(doc, ',', Runnable::run, () -> { });
        rows.sourceChanged(true);
        FilterModel filter = new FilterModel(rows, Runnable::run, () -> { });
        open.add(filter);
        filter.setQuery(new FilterQuery("paris", false, false, 1));
        assertThat(matchesOf(filter)).containsExactly(0L, 2L);
        filter.setQuery(new FilterQuery("paris", false, false, FilterQuery.ANY_COLUMN));
        assertThat(matchesOf(filter)).containsExactly(0L, 1L, 2L);
        filter.setQuery(new FilterQuery("^O", true, true, 1));
        assertThat(matchesOf(filter)).containsExactly(3L);
    }
    @Test
    void filteredLinesShowTheMatchesAndMapBackToDocumentLines() throws IOException {
        ReportDocument doc = newDoc();
        doc.append(ByteString.copyFromUtf8("a x\nb\nc x\nd x\ne\n"));
        FilterModel filter = new FilterModel(new DocumentLines(doc), Runnable::run, () -> { });
        open.add(filter);
        assertThat(FilteredLines.of(filter, doc)).as("no query, no filtered view").isNull();
        filter.setQuery(new FilterQuery("x", false, false, FilterQuery.ANY_COLUMN));
        FilteredLines view = FilteredLines.of(filter, doc);
        assertThat(view.lineCount()).isEqualTo(3);
        assertThat(view.lines(0, 10)).containsExactly("a x", "c x", "d x");
        assertThat(view.lines(1, 1)).containsExactly("c x");
        assertThat(view.sourceLine(2)).isEqualTo(3);
        // Keeping the place: document line 1 ("b") is not shown; the next shown line is view line 1.
        assertThat(view.viewLineAtOrAfter(1)).isEqualTo(1);
        assertThat(view.viewLineAtOrAfter(4)).isEqualTo(3);
        assertThat(view.latest()).isSameAs(view);

        doc.append(ByteString.copyFromUtf8("f x\n"));
        filter.sourceChanged(false);
        FilteredLines newer = view.latest();
        assertThat(view.lineCount()).as("a snapshot never changes").isEqualTo(3);
        assertThat(newer.lineCount()).isEqualTo(4);
        assertThat(newer.version()).isGreaterThan(view.version());
        assertThat(newer.line(3)).isEqualTo("f x");
    }
}
