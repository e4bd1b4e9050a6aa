package org.reportviewer.ui;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.Pacer;
import org.reportviewer.client.ReportCall;
import org.reportviewer.client.ReportListener;
import org.reportviewer.client.RetryPolicy;
import org.reportviewer.client.StreamStats;
import org.reportviewer.document.ReportDocument;

/**
 * One report tab: start, watch, cancel and save one stream at a time. Properties only, no controls;
 * every property is read and written on the UI thread.
 *
 * <p>Threading: chunks are appended to the {@link ReportDocument} on the gRPC callback thread (the
 * next chunk is requested only after that returns, so a slow disk slows the server, not memory).
 * Only small events cross to the UI thread, through one {@link CoalescingPublisher}.
 */
public final class ReportTabViewModel {

    /** The progress value a ProgressBar shows as indeterminate (ProgressBar.INDETERMINATE_PROGRESS). */
    public static final double INDETERMINATE = -1;
    /** A live rate is measured over at least this long, so it does not jitter chunk by chunk. */
    private static final long RATE_WINDOW_NANOS = 500_000_000L;

    /**
     * Endings after which the rest of the report can still be fetched: transient server or network
     * trouble, a deadline, or the user's own Cancel. NOT_FOUND, INVALID_ARGUMENT, DATA_LOSS and the
     * like would fail the same way again.
     */
    private static final Set<Status.Code> RESUMABLE = EnumSet.of(Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED);

    /** What crosses from the gRPC thread: a chunk arrived, or the stream ended (status set). */
    private record Event(long generation, Status end) {}

    private final UiExecutor ui;
    private final Executor io;
    private final DocumentFactory documents;
    private final CoalescingPublisher<Event> events;

    private final StringProperty title = new SimpleStringProperty("New report");
    private final StringProperty reportId = new SimpleStringProperty("");
    private final ObjectProperty<StreamState> state = new SimpleObjectProperty<>(StreamState.IDLE);
    private final ObjectProperty<ReportDocument> document = new SimpleObjectProperty<>();
    private final LongProperty chunks = new SimpleLongProperty();
    private final LongProperty bytes = new SimpleLongProperty();
    private final LongProperty totalChunks = new SimpleLongProperty();
    private final LongProperty elapsedMillis = new SimpleLongProperty();
    private final LongProperty firstChunkMillis = new SimpleLongProperty(-1);
    private final DoubleProperty megabytesPerSecond = new SimpleDoubleProperty();
    private final DoubleProperty chunksPerSecond = new SimpleDoubleProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObjectProperty<Status.Code> finalCode = new SimpleObjectProperty<>();
    private final StringProperty explanation = new SimpleStringProperty("Ready: no report started in this tab yet.");
    private final StringProperty statusLine = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty targetLabel = new SimpleStringProperty("");
    private final SimpleBooleanProperty cancelRequested = new SimpleBooleanProperty();
    /** Bumped whenever the document grew: the view refreshes its text pane on it. */
    private final LongProperty revision = new SimpleLongProperty();
    private final BooleanBinding canStart;
    private final BooleanBinding canCancel;
    private final BooleanBinding canResume;

    private long generation;
    private ReportCall call;
    private Connection connection;
    private Duration deadline;
    private Pacer pacer = Pacer.NONE;
    private long sampleNanos;
    private long sampleBytes;
    private long sampleChunks;
    /** Figures of the earlier calls of this report (before a resume): the live call's stats add to them. */
    private long chunkBase;
    private long byteBase;
    private long elapsedBase;
    /** The chunk the current call started at when it is a resume, else -1. */
    private int resumedAt = -1;
    /** The chunk a resume asks for: the first one the document does not have yet. */
    private int nextChunk;

    public ReportTabViewModel(UiExecutor ui, Executor io, DocumentFactory documents) {
        this.ui = ui;
        this.io = io;
        this.documents = documents;
        this.events = new CoalescingPublisher<>(ui, this::apply);
        this.canStart = Bindings.createBooleanBinding(() -> !state.get().busy(), state);
        this.canCancel = Bindings.createBooleanBinding(() -> state.get().busy() && !cancelRequested.get(), state,
                cancelRequested);
        this.canResume = Bindings.createBooleanBinding(() -> state.get().partial() && document.get() != null
                && finalCode.get() != null && resumable(finalCode.get()), state, document, finalCode);
    }

    /** Whether a stream that ended with {@code code} can be continued with Resume. */
    public static boolean resumable(Status.Code code) {
        return RetryPolicy.retryable(code) || RESUMABLE.contains(code);
    }

    /**
     * Starts streaming {@code id} from {@code conn}; the previous report of this tab is replaced.
     *
     * @return false (with {@link #messageProperty()} saying why) when it cannot start
     */
    public boolean start(Connection conn, String id, Duration callDeadline) {
        String trimmed = id == null ? "" : id.strip();
        if (state.get().busy()) {
            message.set("This tab is still streaming: cancel it first, or open a new tab (Ctrl+T).");
            return false;
        }
        if (trimmed.isEmpty()) {
            message.set("Type or pick a report id first.");
            return false;
        }
        ReportDocument fresh;
        try {
            fresh = documents.create();
        } catch (IOException e) {
            message.set("Cannot create the spool file for the report: " + e.getMessage());
            return false;
        }
        ReportDocument old = document.get();
        document.set(fresh);
        if (old != null) {
            old.close();
        }
        long gen = ++generation;
        connection = conn;
        deadline = callDeadline;
        reportId.set(trimmed);
        title.set(shortTitle(trimmed));
        targetLabel.set(conn.label());
        resetFigures();
        resumedAt = -1;
        begin(conn, FetchRequest.of(trimmed).withDeadline(callDeadline), fresh, gen);
        return true;
    }

    /**
     * Continues the report this tab holds from the first chunk it is missing, appending to the same
     * document: the result is byte-identical to an uninterrupted run. Chunks a server that ignores
     * {@code start_chunk} sends again are skipped by the client. Figures carry on from where they were.
     *
     * @param conn where to continue from (normally the target the report came from)
     * @return false (with {@link #messageProperty()} saying why) when there is nothing to resume
     */
    public boolean resume(Connection conn) {
        if (!canResume.get()) {
            message.set(state.get().busy() ? "This tab is still streaming."
                    : state.get() == StreamState.COMPLETED ? "The report is complete: nothing to resume."
                    : "Resume continues a stream that was cancelled or lost; this one cannot be continued.");
            return false;
        }
        long gen = ++generation;
        chunkBase = chunks.get();
        byteBase = bytes.get();
        elapsedBase = elapsedMillis.get();
        sampleBytes = byteBase;
        sampleChunks = chunkBase;
        resumedAt = nextChunk;
        targetLabel.set(conn.label());
        begin(conn, FetchRequest.of(reportId.get()).withDeadline(deadline).withStartChunk(nextChunk),
                document.get(), gen);
        message.set("Resumed at chunk " + StatusTexts.count(resumedAt));
        return true;
    }

    /** How streams of this tab ask for more chunks: the window's {@link FramePacer}; none in tests. */
    public void setPacer(Pacer p) {
        pacer = Objects.requireNonNull(p, "pacer");
    }

    private void begin(Connection conn, FetchRequest request, ReportDocument target, long gen) {
        connection = conn;
        cancelRequested.set(false);
        finalCode.set(null);
        message.set("");
        state.set(StreamState.CONNECTING);
        explanation.set(resumedPrefix() + "Connecting to " + conn.label() + "…");
        if (resumedAt < 0 || progress.get() < 0 || totalChunks.get() == 0) {
            progress.set(INDETERMINATE);
        }
        sampleNanos = System.nanoTime();
        call = conn.client().fetch(request.withPacer(pacer), new DocumentWriter(target, gen));
        refreshStatusLine();
    }

    private String resumedPrefix() {
        return resumedAt < 0 ? "" : "Resumed at chunk " + StatusTexts.count(resumedAt) + ": ";
    }

    /** Cancels the stream in flight (the server sees it); the text received so far stays. */
    public void cancel() {
        if (call != null && state.get().busy()) {
            cancelRequested.set(true);
            explanation.set("Cancelling…");
            call.cancel();
        }
    }

    /** Refreshes elapsed time and live rates; the view calls it a few times a second while busy. */
    public void tick() {
        if (call != null && state.get().busy()) {
            updateFigures(call.stats(), false);
            refreshStatusLine();
        }
    }

    /** Cancels the stream and deletes the spool: the tab is going away. */
    public void dispose() {
        cancel();
        ReportDocument d = document.get();
        document.set(null);
        if (d != null) {
            // The gRPC thread may still be inside append(); close once the call has really ended.
            if (call != null) {
                call.result().whenComplete((r, e) -> d.close());
            } else {
                d.close();
            }
        }
    }

    /** "demo.txt", or "demo.partial.txt" when the report is incomplete. */
    public String suggestedFileName() {
        String base = reportId.get().isEmpty() ? "report" : reportId.get()
                .replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (base.length() > 80) {
            base = base.substring(0, 80);
        }
        if (base.isEmpty()) {
            base = "report";
        }
        if (base.toLowerCase(Locale.ROOT).endsWith(".txt")) {
            base = base.substring(0, base.length() - 4);
        }
        return base + (state.get() == StreamState.COMPLETED ? ".txt" : ".partial.txt");
    }

    /** The report is not (yet) complete: a save holds only part of it. */
    public boolean isPartial() {
        return state.get() != StreamState.COMPLETED;
    }

    /**
     * Writes the text received so far to {@code target}, atomically, off the UI thread.
     *
     * @return completes with the bytes written; the message property says what happened either way
     */
    public CompletableFuture<Long> save(Path target) {
        ReportDocument d = document.get();
        if (d == null) {
            message.set("Nothing to save yet.");
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to save"));
        }
        boolean partial = isPartial();
        message.set("Saving to " + target + "…");
        return CompletableFuture.supplyAsync(() -> {
            try {
                d.saveTo(target);
                return d.byteCount();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, io).whenComplete((written, error) -> ui.execute(() -> message.set(error == null
                ? "Saved " + (partial ? "PARTIAL report (" + StatusTexts.count(chunks.get()) + " chunks), " : "")
                        + StatusTexts.bytes(written) + " to " + target
                : "Could not save to " + target + ": " + rootMessage(error))));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    // --- the UI-thread side of the seam ---

    private void apply(List<Event> batch) {
        Status end = null;
        boolean current = false;
        for (Event e : batch) {
            if (e.generation() == generation) {
                current = true;
                if (e.end() != null) {
                    end = e.end();
                }
            }
        }
        if (!current || call == null) {
            return; // events of a stream this tab has already replaced
        }
        StreamStats stats = call.stats();
        updateFigures(stats, end != null);
        revision.set(revision.get() + 1);
        if (end == null) {
            if (state.get() == StreamState.CONNECTING && stats.chunks() > 0) {
                state.set(StreamState.STREAMING);
                explanation.set(cancelRequested.get() ? "Cancelling…"
                        : resumedPrefix() + "Streaming from " + connection.label() + "…");
            }
        } else {
            finish(end, stats);
        }
        refreshStatusLine();
    }

    private void finish(Status status, StreamStats stats) {
        finalCode.set(status.getCode());
        StreamState s = status.isOk() ? StreamState.COMPLETED
                : status.getCode() == Status.Code.CANCELLED ? StreamState.CANCELLED : StreamState.FAILED;
        if (s == StreamState.COMPLETED) {
            progress.set(1);
        } else if (progress.get() < 0) {
            progress.set(0); // an indeterminate bar must stop moving once nothing arrives any more
        }
        nextChunk = stats.nextChunk();
        // Ended streams show their average rate over every call of the report; live rates only make
        // sense while running.
        double seconds = elapsedMillis.get() / 1000.0;
        megabytesPerSecond.set(seconds <= 0 ? 0 : bytes.get() / 1e6 / seconds);
        chunksPerSecond.set(seconds <= 0 ? 0 : chunks.get() / seconds);
        String resumed = resumedAt < 0 ? "" : " Resumed at chunk " + StatusTexts.count(resumedAt) + ".";
        explanation.set(StatusTexts.explain(status, reportId.get(), connection.target().toString(), chunks.get(),
                deadline) + resumed + (s != StreamState.COMPLETED && resumable(status.getCode())
                        ? " Resume continues from chunk " + StatusTexts.count(nextChunk) + "." : ""));
        cancelRequested.set(false);
        state.set(s);
    }

    private void updateFigures(StreamStats s, boolean ended) {
        chunks.set(chunkBase + s.chunks());
        bytes.set(byteBase + s.bytes());
        if (s.totalChunks() > 0 || resumedAt < 0) {
            totalChunks.set(s.totalChunks()); // a resumed call that has not said the total yet keeps the known one
        }
        elapsedMillis.set(elapsedBase + s.elapsedMillis());
        if (resumedAt < 0 || firstChunkMillis.get() < 0) {
            firstChunkMillis.set(s.firstChunkMillis()); // time to first chunk is the first call's
        }
        if (!ended) {
            long total = totalChunks.get();
            double p = total > 0 ? Math.min(1.0, (double) s.nextChunk() / total) : -1;
            if (p >= 0 || s.chunks() > 0 || resumedAt < 0) {
                progress.set(p < 0 ? INDETERMINATE : p);
            }
            long now = System.nanoTime();
            long dt = now - sampleNanos;
            if (dt >= RATE_WINDOW_NANOS) {
                megabytesPerSecond.set((bytes.get() - sampleBytes) / 1e6 / (dt / 1e9));
                chunksPerSecond.set((chunks.get() - sampleChunks) / (dt / 1e9));
                sampleNanos = now;
                sampleBytes = bytes.get();
                sampleChunks = chunks.get();
            }
        }
    }

    private void resetFigures() {
        chunks.set(0);
        bytes.set(0);
        totalChunks.set(0);
        elapsedMillis.set(0);
        firstChunkMillis.set(-1);
        megabytesPerSecond.set(0);
        chunksPerSecond.set(0);
        sampleBytes = 0;
        sampleChunks = 0;
        chunkBase = 0;
        byteBase = 0;
        elapsedBase = 0;
        nextChunk = 0;
    }

    private void refreshStatusLine() {
        StringBuilder b = new StringBuilder(state.get().label());
        b.append(" · ").append(StatusTexts.count(chunks.get()));
        if (totalChunks.get() > 0) {
            b.append(" / ").append(StatusTexts.count(totalChunks.get()));
        }
        b.append(" chunks · ").append(StatusTexts.bytes(bytes.get()))
                .append(" · ").append(StatusTexts.millis(elapsedMillis.get()))
                .append(" · ").append(StatusTexts.rate(megabytesPerSecond.get(), chunksPerSecond.get()))
                .append(" · first chunk ").append(StatusTexts.millis(firstChunkMillis.get()));
        statusLine.set(b.toString());
    }

    private static String shortTitle(String id) {
        return id.length() <= 28 ? id : id.substring(0, 27) + "…";
    }

    /** Runs on the gRPC callback thread: append, then post a tiny event. */
    private final class DocumentWriter implements ReportListener {
        private final ReportDocument target;
        private final long gen;

        DocumentWriter(ReportDocument target, long gen) {
            this.target = target;
            this.gen = gen;
        }

        @Override
        public void onChunk(int chunkNumber, int total, ByteString data) throws IOException {
            target.append(data);
            events.publish(new Event(gen, null));
        }

        @Override
        public void onCompleted(StreamStats stats) {
            events.publish(new Event(gen, Status.OK));
        }

        @Override
        public void onFailed(Status status, StreamStats stats) {
            events.publish(new Event(gen, status));
        }
    }

    // --- properties ---

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty reportIdProperty() {
        return reportId;
    }

    public ReadOnlyObjectProperty<StreamState> stateProperty() {
        return state;
    }

    public StreamState getState() {
        return state.get();
    }

    public ReadOnlyObjectProperty<ReportDocument> documentProperty() {
        return document;
    }

    public ReadOnlyLongProperty chunksProperty() {
        return chunks;
    }

    public ReadOnlyLongProperty bytesProperty() {
        return bytes;
    }

    public ReadOnlyLongProperty totalChunksProperty() {
        return totalChunks;
    }

    public ReadOnlyLongProperty elapsedMillisProperty() {
        return elapsedMillis;
    }

    public ReadOnlyLongProperty firstChunkMillisProperty() {
        return firstChunkMillis;
    }

    public ReadOnlyDoubleProperty megabytesPerSecondProperty() {
        return megabytesPerSecond;
    }

    public ReadOnlyDoubleProperty chunksPerSecondProperty() {
        return chunksPerSecond;
    }

    /** In [0, 1], or {@link #INDETERMINATE} while the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** The gRPC status code the last stream ended with; {@code null} while none ended. */
    public ReadOnlyObjectProperty<Status.Code> finalCodeProperty() {
        return finalCode;
    }

    /** The outcome in words (what happened, what is kept). */
    public ReadOnlyStringProperty explanationProperty() {
        return explanation;
    }

    /** Chunks, bytes, elapsed, live rate, time to first chunk. */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine;
    }

    /** The result of the last user action (save, refused start). */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyStringProperty targetLabelProperty() {
        return targetLabel;
    }

    public ReadOnlyBooleanProperty cancelRequestedProperty() {
        return cancelRequested;
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canCancelProperty() {
        return canCancel;
    }

    /** The last stream ended early in a way worth continuing (lost, deadline, cancelled). */
    public BooleanBinding canResumeProperty() {
        return canResume;
    }

    /** The first chunk this tab's document lacks: where Resume starts. */
    public int nextChunk() {
        return nextChunk;
    }

    /** The connection of the last start, or {@code null}. */
    public Connection connection() {
        return connection;
    }

    /** The publisher's drain count: how many UI tasks the stream cost. */
    public long uiDrains() {
        return events.drainCount();
    }
}
