package org.reportviewer.document;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.server.SyntheticText;

class ReportDocumentTest {

    @RegisterExtension
    final TempDocuments docs = new TempDocuments();

    /** Appends {@code bytes} in random-sized chunks (1 byte up to {@code maxChunk}). */
    private static void appendChunked(ReportDocument d, byte[] bytes, int maxChunk, long seed) throws IOException {
        Random rnd = new Random(seed);
        int off = 0;
        while (off < bytes.length) {
            int n = Math.min(bytes.length - off, 1 + rnd.nextInt(maxChunk));
            d.append(ByteString.copyFrom(bytes, off, n));
            off += n;
        }
    }

    /** The reference split: on '\n', a trailing CR dropped, a trailing partial line kept. */
    private static List<String> referenceLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(stripCr(text.substring(start, i)));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(stripCr(text.substring(start)));
        }
        return out;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static List<String> allLines(ReportDocument d) {
        return d.lines(0, (int) d.lineCount());
    }

    @Test
    void emptyDocumentHasNoLines() throws IOException {
        ReportDocument d = docs.create();
        assertThat(d.lineCount()).isZero();
        assertThat(d.byteCount()).isZero();
        assertThat(d.lines(0, 10)).isEmpty();
        d.append(ByteString.EMPTY);
        assertThat(d.lineCount()).isZero();
        assertThatThrownBy(() -> d.line(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void partialLastLineCountsAndCompletes() throws IOException {
        ReportDocument d = docs.create();
        d.append(ByteString.copyFromUtf8("alpha\nbe"));
        assertThat(d.lineCount()).isEqualTo(2);
        assertThat(d.line(1)).isEqualTo("be");
        d.append(ByteString.copyFromUtf8("ta\n"));
        assertThat(d.lineCount()).isEqualTo(2);
        assertThat(allLines(d)).containsExactly("alpha", "beta");
        d.append(ByteString.copyFromUtf8("\n"));
        assertThat(allLines(d)).containsExactly("alpha", "beta", "");
        assertThat(d.byteCount()).isEqualTo(12);
    }

    @Test
    void linesAcrossRandomChunkBoundariesMatchReferenceSplit() throws IOException {
        Random rnd = new Random(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            int len = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(120);
            for (int k = 0; k < len; k++) {
                sb.append((char) ('a' + rnd.nextInt(26)));
            }
            sb.append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        sb.append("tail without newline");
        String text = sb.toString();
        for (int maxChunk : new int[] {1, 7, 100, 4096, 1 << 20}) {
            ReportDocument d = docs.create();
            appendChunked(d, text.getBytes(UTF_8), maxChunk, maxChunk);
            assertThat(allLines(d)).as("max chunk %d", maxChunk).isEqualTo(referenceLines(text));
            assertThat(d.byteCount()).isEqualTo(text.length());
        }
    }

    @Test
    void crlfLineEndingsAreStripped() throws IOException {
        ReportDocument d = docs.create();
        d.append(ByteString.copyFromUtf8("one\r"));
        d.append(ByteString.copyFromUtf8("\ntwo\r\n\r\nthree"));
        assertThat(allLines(d)).containsExactly("one", "two", "", "three");
    }

    @Test
    void utf8SequenceSplitAcrossChunksDecodesWhole() throws IOException {
        String text = "naïve café — 日本語 😀 end\nzwei ü\n";
        byte[] bytes = text.getBytes(UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            ReportDocument d = docs.create();
            d.append(ByteString.copyFrom(bytes, 0, cut));
            d.append(ByteString.copyFrom(bytes, cut, bytes.length - cut));
            assertThat(allLines(d)).as("cut at %d", cut).containsExactly("naïve café — 日本語 😀 end", "zwei ü");
            d.close();
        }
    }

    @Test
    void malformedUtf8BecomesReplacementCharacter() throws IOException {
        ReportDocument d = docs.create();
        d.append(ByteString.copyFrom(new byte[] {'o', 'k', (byte) 0xC3, '\n', (byte) 0xFF, 'x', '\n'}));
        assertThat(allLines(d)).containsExactly("ok\uFFFD", "\uFFFDx");
    }

    @Test
    void lineWithoutNewlineIsForceBrokenAtTheCap() throws IOException {
        byte[] bytes = new byte[LineRule.CAP * 3 + 100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('A' + i % 26);
        }
        ReportDocument d = docs.create();
        appendChunked(d, bytes, 5000, 1);
        assertThat(d.lineCount()).isEqualTo(4);
        List<String> lines = allLines(d);
        assertThat(lines.subList(0, 3)).allSatisfy(l -> assertThat(l).hasSize(LineRule.CAP));
        assertThat(lines.get(3)).hasSize(100);
        assertThat(String.join("", lines)).isEqualTo(new String(bytes, UTF_8));
        assertThat(d.maxLineBytes()).isEqualTo(LineRule.CAP);
    }

    @Test
    void forcedBreakDoesNotSplitMultibyteCharacters() throws IOException {
        // 3-byte characters never align with the cap, so a naive break would cut one in half.
        String text = "€".repeat(LineRule.CAP); // 3 * CAP bytes, no newline
        ReportDocument d = docs.create();
        appendChunked(d, text.getBytes(UTF_8), 3333, 2);
        List<String> lines = allLines(d);
        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\uFFFD"));
        assertThat(String.join("", lines)).isEqualTo(text);
    }

    @Test
    void newlineRightAfterTheCapEndsTheLineWithoutAnExtraEmptyLine() throws IOException {
        String text = "x".repeat(LineRule.CAP) + "\nnext\n";
        ReportDocument d = docs.create();
        appendChunked(d, text.getBytes(UTF_8), 999, 3);
        assertThat(allLines(d)).containsExactly("x".repeat(LineRule.CAP), "next");
    }

    @Test
    void sparseIndexFindsEveryLineLikeTheReference() throws IOException {
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder();
        List<Long> offsets = new ArrayList<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            offsets.add((long) sb.length());
            sb.append("L").append(i).append(':').append("#".repeat(rnd.nextInt(40))).append('\n');
        }
        String text = sb.toString();
        ReportDocument d = docs.create();
        appendChunked(d, text.getBytes(UTF_8), 10_000, 4);
        List<String> ref = referenceLines(text);
        assertThat(d.lineCount()).isEqualTo(n);
        for (int k = 0; k < 2000; k++) {
            int i = rnd.nextInt(n);
            assertThat(d.line(i)).isEqualTo(ref.get(i));
            assertThat(d.offsetOfLine(i)).isEqualTo(offsets.get(i));
        }
        for (int i : new int[] {0, 63, 64, 65, 127, 128, n - 65, n - 64, n - 1}) {
            assertThat(d.line(i)).as("line %d", i).isEqualTo(ref.get(i));
            int count = 70;
            assertThat(d.lines(i, count)).isEqualTo(ref.subList(i, Math.min(n, i + count)));
        }
        assertThat(d.lines(n - 5, 100)).hasSize(5);
        assertThat(d.lines(n, 10)).isEmpty();
    }

    @Test
    void indexStrideDoublesWhenFullAndStaysCorrect() throws IOException {
        ReportDocument d = docs.track(ReportDocument.createTemp(8));
        StringBuilder sb = new StringBuilder();
        int n = 5000; // 5000 / 64 marks > 8, so the stride doubles several times
        for (int i = 0; i < n; i++) {
            sb.append("row ").append(i).append('\n');
        }
        appendChunked(d, sb.toString().getBytes(UTF_8), 300, 5);
        assertThat(d.stride()).isGreaterThan(ReportDocument.INITIAL_STRIDE);
        for (int i = 0; i < n; i += 37) {
            assertThat(d.line(i)).isEqualTo("row " + i);
        }
        assertThat(d.line(n - 1)).isEqualTo("row " + (n - 1));
        assertThat(d.find("row 4999", 0, true, true, () -> false)).hasValue(n - 1);
        assertThat(d.find("row 1234", n - 1, false, true, () -> false)).hasValue(1234);
    }

    @Test
    void concurrentReaderAlwaysSeesConsistentLines() throws Exception {
        ReportDocument d = docs.create();
        int n = 150_000;
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch readerStarted = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            Random rnd = new Random(9);
            readerStarted.countDown();
            try {
                while (!done.get()) {
                    long count = d.lineCount();
                    if (count == 0) {
                        continue;
                    }
                    long first = (long) (rnd.nextDouble() * count);
                    List<String> got = d.lines(first, 50);
                    for (int k = 0; k < got.size(); k++) {
                        String expected = "line " + (first + k) + " payload";
                        String line = got.get(k);
                        // Only the last line may be partial, and then it is a prefix.
                        if (!line.equals(expected)
                                && !(first + k == count - 1 && expected.startsWith(line))
                                && !(first + k >= count - 1 && expected.startsWith(line))) {
                            throw new AssertionError("line " + (first + k) + " was '" + line + "'");
                        }
                    }
                }
            } catch (Throwable t) {
                errors.add(t);
            }
        });
        reader.start();
        assertThat(readerStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Random rnd = new Random(10);
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < n; i++) {
            pending.append("line ").append(i).append(" payload\n");
            if (pending.length() > 1 + rnd.nextInt(4000)) {
                byte[] b = pending.toString().getBytes(UTF_8);
                int cut = rnd.nextInt(b.length);
                d.append(ByteString.copyFrom(b, 0, cut));
                d.append(ByteString.copyFrom(b, cut, b.length - cut));
                pending.setLength(0);
            }
        }
        d.append(ByteString.copyFromUtf8(pending.toString()));
        done.set(true);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(reader.isAlive()).as("the reader thread ended").isFalse();
        assertThat(errors).isEmpty();
        assertThat(d.lineCount()).isEqualTo(n);
        assertThat(d.line(n - 1)).isEqualTo("line " + (n - 1) + " payload");
    }

    @Test
    void findForwardBackwardAndCase() throws IOException {
        ReportDocument d = docs.create();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append(i == 10 ? "Error: disk full" : i == 500 ? "another ERROR here" : i == 900 ? "Grüße Straße"
                    : "ordinary row " + i).append('\n');
        }
        appendChunked(d, sb.toString().getBytes(UTF_8), 777, 6);
        assertThat(d.find("error", 0, true, false, () -> false)).hasValue(10);
        assertThat(d.find("error", 11, true, false, () -> false)).hasValue(500);
        assertThat(d.find("error", 501, true, false, () -> false)).isEmpty();
        assertThat(d.find("error", 0, true, true, () -> false)).isEmpty();
        assertThat(d.find("ERROR", 0, true, true, () -> false)).hasValue(500);
        assertThat(d.find("error", 999, false, false, () -> false)).hasValue(500);
        assertThat(d.find("error", 499, false, false, () -> false)).hasValue(10);
        assertThat(d.find("error", 9, false, false, () -> false)).isEmpty();
        assertThat(d.find("error", 10, false, false, () -> false)).hasValue(10);
        assertThat(d.find("GRÜSSE", 0, true, false, () -> false)).isEmpty(); // no full case folding
        assertThat(d.find("grüße", 0, true, false, () -> false)).hasValue(900);
        assertThat(d.find("Grüße", 999, false, true, () -> false)).hasValue(900);
        assertThat(d.find("row 999", 0, true, true, () -> false)).hasValue(999);
        assertThat(d.find("", 0, true, true, () -> false)).isEmpty();
        assertThat(d.find("a\nb", 0, true, true, () -> false)).isEmpty();
    }

    @Test
    void findBackwardCrossesScanGroupBoundaries() throws IOException {
        ReportDocument d = docs.create();
        long group = 64L * ReportDocument.INITIAL_STRIDE;
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i < 3 * group + 10; i++) {
            boolean hit = i == 100 || i == group - 1 || i == group;
            sb.append(hit ? "hit " : "row ").append(i).append('\n');
        }
        appendChunked(d, sb.toString().getBytes(UTF_8), 50_000, 8);
        assertThat(d.find("hit", 3 * group + 9, false, true, () -> false)).hasValue(group);
        assertThat(d.find("hit", group - 1, false, true, () -> false)).hasValue(group - 1);
        assertThat(d.find("hit", group - 2, false, true, () -> false)).hasValue(100);
        assertThat(d.find("hit", 99, false, true, () -> false)).isEmpty();
        assertThat(d.find("hit", group + 1, true, true, () -> false)).isEmpty();
        assertThat(d.find("hit", Long.MAX_VALUE, false, true, () -> false)).hasValue(group);
    }

    @Test
    void findHonoursCancellation() throws IOException {
        ReportDocument d = docs.create();
        d.append(ByteString.copyFromUtf8("nothing to see here\n".repeat(50_000)));
        assertThatThrownBy(() -> d.find("needle", 0, true, false, () -> true))
                .isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> d.find("needle", 49_999, false, false, () -> true))
                .isInstanceOf(CancellationException.class);
        assertThat(d.find("needle", 0, true, false, () -> false)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void saveToWritesExactBytesAtomically(@TempDir Path dir) throws IOException {
        byte[] bytes = new byte[300_000];
        new Random(12).nextBytes(bytes);
        ReportDocument d = docs.create();
        appendChunked(d, bytes, 8192, 13);
        Path target = dir.resolve("report.txt");
        Files.writeString(target, "old content that must be replaced whole");
        d.saveTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target); // no temp file left behind
        }
        // Saving again after more bytes arrived writes the longer report.
        d.append(ByteString.copyFromUtf8("more"));
        d.saveTo(target);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(bytes);
        expected.write("more".getBytes(UTF_8));
        assertThat(Files.readAllBytes(target)).isEqualTo(expected.toByteArray());
    }

    @Test
    void saveToMissingDirectoryFailsAndLeavesNothing(@TempDir Path dir) throws IOException {
        ReportDocument d = docs.create();
        d.append(ByteString.copyFromUtf8("x\n"));
        assertThatThrownBy(() -> d.saveTo(dir.resolve("no/such/dir/report.txt"))).isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void closeDeletesTheSpoolFileAndIsRepeatSafe() throws IOException {
        ReportDocument d = docs.create();
        d.append(ByteString.copyFromUtf8("data\n"));
        Path spool = d.spoolFile();
        // On Linux DELETE_ON_CLOSE unlinks the file right after opening it (so a crash leaves nothing);
        // elsewhere it exists until close. Either way it is gone afterwards.
        assertThat(spool.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        // Its name is gone at once, so "does not exist" proves nothing about close: look at the open
        // descriptors instead, which hold the (unlinked) file's disk space until they are closed.
        assertThat(openDescriptorsTo(spool)).as("the open document holds its spool file").isPositive();
        d.close();
        assertThat(openDescriptorsTo(spool)).as("close released the spool file").isZero();
        assertThat(spool).doesNotExist();
        d.close();
        assertThatThrownBy(() -> d.append(ByteString.copyFromUtf8("late"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> d.lines(0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void multiMegabyteSyntheticReport() throws IOException {
        SyntheticText synth = new SyntheticText();
        int rows = 200_000; // 12.8 MB
        ReportDocument d = docs.create();
        byte[] chunk = new byte[65_536];
        long total = (long) rows * SyntheticText.ROW;
        for (long off = 0; off < total; off += chunk.length) {
            int n = (int) Math.min(chunk.length, total - off);
            byte[] part = n == chunk.length ? chunk : new byte[n];
            synth.fill(off, part);
            d.append(ByteString.copyFrom(part));
        }
        assertThat(d.byteCount()).isEqualTo(total);
        assertThat(d.lineCount()).isEqualTo(rows);
        Random rnd = new Random(14);
        for (int k = 0; k < 500; k++) {
            long r = rnd.nextInt(rows);
            String expected = new String(synth.rowBytes(r), 0, SyntheticText.ROW - 1, UTF_8);
            assertThat(d.line(r)).isEqualTo(expected);
        }
        String target = new String(synth.rowBytes(rows - 3), 0, 10, UTF_8);
        assertThat(d.find(target, 0, true, true, () -> false)).hasValue(rows - 3);
        assertThat(d.find(target, rows - 1, false, true, () -> false)).hasValue(rows - 3);
    }

    /** Descriptors of this process open on {@code file} (Linux: /proc/self/fd links, " (deleted)" when unlinked). */
    private static long openDescriptorsTo(Path file) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc (Linux)");
        try (Stream<Path> links = Files.list(fds)) {
            return links.filter(link -> {
                try {
                    return Files.readSymbolicLink(link).toString().startsWith(file.toString());
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }
}
