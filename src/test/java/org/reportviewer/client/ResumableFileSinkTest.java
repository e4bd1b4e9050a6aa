package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableFileSinkTest {

    @TempDir
    Path dir;

    private static ByteString chunk(int i) {
        return ByteString.copyFrom("chunk " + i + " ".repeat(i) + "\n", StandardCharsets.UTF_8);
    }

    /** Writes chunks {@code from} (inclusive) to {@code to} (exclusive) of a report of {@code total}. */
    private static void writeChunks(ResumableFileSink sink, int from, int to, int total) throws IOException {
        for (int i = from; i < to; i++) {
            sink.write(i, total, chunk(i));
        }
    }

    private static String text(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(chunk(i).toStringUtf8());
        }
        return b.toString();
    }

    @Test
    void writesThePartThenRenamesItAndDropsTheRecord() throws IOException {
        Path out = dir.resolve("r.txt");
        ResumableFileSink sink = ResumableFileSink.create(out, "demo", 0);
        assertThat(ResumeRecord.read(ResumableFileSink.recordFile(out)).nextChunk()).isZero();
        writeChunks(sink, 0, 5, 5);
        assertThat(out).doesNotExist();
        assertThat(sink.complete()).isTrue();
        sink.finish();

        assertThat(out).hasContent(text(0, 5));
        assertThat(ResumableFileSink.partFile(out)).doesNotExist();
        assertThat(ResumableFileSink.recordFile(out)).doesNotExist();
    }

    @Test
    void abandonRecordsExactlyTheDataThatIsThere() throws IOException {
        Path out = dir.resolve("r.txt");
        ResumableFileSink sink = ResumableFileSink.create(out, "demo", 0, Duration.ofHours(1));
        writeChunks(sink, 0, 3, 0);
        sink.abandon();

        ResumeRecord r = ResumeRecord.read(ResumableFileSink.recordFile(out));
        assertThat(r).isEqualTo(new ResumeRecord("demo", 0, 3, text(0, 3).length(), 0));
        assertThat(ResumableFileSink.partFile(out)).hasContent(text(0, 3));
    }

    @Test
    void checkpointsWhileStreamingNeverPastTheFlushedData() throws IOException {
        Path out = dir.resolve("r.txt");
        Path part = ResumableFileSink.partFile(out);
        ResumableFileSink sink = ResumableFileSink.create(out, "demo", 0, Duration.ZERO); // a record per chunk
        for (int i = 0; i < 20; i++) {
            sink.write(i, 20, chunk(i));
            ResumeRecord r = ResumeRecord.read(ResumableFileSink.recordFile(out));
            assertThat(r.nextChunk()).isEqualTo(i + 1);
            assertThat(Files.size(part)).isGreaterThanOrEqualTo(r.bytes());
            assertThat(r.bytes()).isEqualTo(text(0, i + 1).length());
        }
        sink.finish();
        assertThat(out).hasContent(text(0, 20));
    }

    @Test
    void resumeCutsOffAnIncompleteTailAndContinues() throws IOException {
        Path out = dir.resolve("r.txt");
        ResumableFileSink first = ResumableFileSink.create(out, "demo", 0, Duration.ofHours(1));
        writeChunks(first, 0, 4, 10);
        first.abandon();
        // What a killed process leaves: data written after the last record, half a chunk of it.
        Files.writeString(ResumableFileSink.partFile(out), "chunk 4 ", StandardOpenOption.APPEND);

        ResumableFileSink second = ResumableFileSink.resume(out, "demo");
        assertThat(second.resumedFrom().nextChunk()).isEqualTo(4);
        assertThat(second.nextChunk()).isEqualTo(4);
        assertThat(second.bytes()).isEqualTo(text(0, 4).length());
        writeChunks(second, 4, 10, 10);
        second.finish();
        assertThat(out).hasContent(text(0, 10));
    }

    @Test
    void aFileStartedAtALaterChunkResumesFromWhereItStopped() throws IOException {
        Path out = dir.resolve("tail.txt");
        ResumableFileSink first = ResumableFileSink.create(out, "demo", 6);
        first.write(6, 10, chunk(6));
        first.abandon();
        ResumableFileSink second = ResumableFileSink.resume(out, "demo");
        assertThat(second.resumedFrom()).isEqualTo(new ResumeRecord("demo", 6, 7, chunk(6).size(), 10));
        writeChunks(second, 7, 10, 10);
        second.finish();
        assertThat(out).hasContent(text(6, 10));
    }

    @Test
    void refusesChunksOutOfOrder() throws IOException {
        Path out = dir.resolve("r.txt");
        ResumableFileSink sink = ResumableFileSink.create(out, "demo", 0);
        assertThatThrownBy(() -> sink.write(1, 0, chunk(1))).hasMessageContaining("chunk 1 arrived where chunk 0 belongs");
        sink.abandon();
    }

    @Test
    void refusesToResumeAnotherReport() throws IOException {
        Path out = dir.resolve("r.txt");
        ResumableFileSink.create(out, "demo", 0).abandon();
        assertThatThrownBy(() -> ResumableFileSink.resume(out, "other"))
                .isInstanceOf(ResumableFileSink.ResumeException.class)
                .hasMessageContaining("holds report 'demo', not 'other'");
    }

    @Test
    void refusesAPartShorterThanItsRecord() throws IOException {
        Path out = dir.resolve("r.txt");
        ResumableFileSink sink = ResumableFileSink.create(out, "demo", 0);
        sink.write(0, 0, chunk(0));
        sink.write(1, 0, chunk(1));
        sink.abandon();
        Files.write(ResumableFileSink.partFile(out), new byte[3]); // damaged behind our back
        assertThatThrownBy(() -> ResumableFileSink.resume(out, "demo"))
                .isInstanceOf(ResumableFileSink.ResumeException.class)
                .hasMessageContaining("has 3 bytes but its resume record says " + text(0, 2).length());
    }

    @Test
    void refusesAPartWithoutRecordAndARecordWithoutPart() throws IOException {
        Path a = dir.resolve("a.txt");
        Files.writeString(ResumableFileSink.partFile(a), "data");
        assertThat(ResumableFileSink.resumable(a)).isTrue();
        assertThatThrownBy(() -> ResumableFileSink.resume(a, "demo")).hasMessageContaining("has no resume record");

        Path b = dir.resolve("b.txt");
        ResumableFileSink.create(b, "demo", 0).abandon();
        Files.delete(ResumableFileSink.partFile(b));
        assertThatThrownBy(() -> ResumableFileSink.resume(b, "demo")).hasMessageContaining("which is missing");

        Path c = dir.resolve("c.txt");
        assertThat(ResumableFileSink.resumable(c)).isFalse();
        assertThatThrownBy(() -> ResumableFileSink.resume(c, "demo")).hasMessageContaining("nothing to resume");
    }

    @Test
    void refusesAGarbledRecord() throws IOException {
        Path out = dir.resolve("r.txt");
        ResumableFileSink.create(out, "demo", 0).abandon();
        Files.writeString(ResumableFileSink.recordFile(out), "format=1\nreport_id=demo\nnext_chunk=x\n");
        assertThatThrownBy(() -> ResumableFileSink.resume(out, "demo")).hasMessageContaining("not a valid resume record");
    }

    @Test
    void startingAfreshDiscardsAnOldPartAndRecord() throws IOException {
        Path out = dir.resolve("r.txt");
        ResumableFileSink old = ResumableFileSink.create(out, "demo", 0);
        old.write(0, 0, chunk(0));
        old.abandon();

        ResumableFileSink fresh = ResumableFileSink.create(out, "other", 0);
        assertThat(ResumableFileSink.partFile(out)).isEmptyFile();
        assertThat(ResumeRecord.read(ResumableFileSink.recordFile(out)).reportId()).isEqualTo("other");
        fresh.abandon();
    }

    @Test
    void recordsKeepReportIdsWithAnyCharacters() throws IOException {
        Path file = dir.resolve("x.resume");
        ResumeRecord r = new ResumeRecord("synthetic?size=1MiB&chunk=4KiB #=:\\ é", 2, 9, 12345, 40);
        r.write(file);
        assertThat(ResumeRecord.read(file)).isEqualTo(r);
        assertThat(dir.resolve("x.resume.tmp")).doesNotExist();
    }
}
