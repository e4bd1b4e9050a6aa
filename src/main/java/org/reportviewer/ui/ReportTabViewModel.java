package org.reportviewer.ui;

import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.reportviewer.client.CallDetails;
import org.reportviewer.client.Connection;
import org.reportviewer.client.Pacer;
import org.reportviewer.client.RateHistory;
import org.reportviewer.client.ReportSession;
import org.reportviewer.client.SessionOptions;
import org.reportviewer.client.SessionSnapshot;
import org.reportviewer.document.ReportDocument;
import org.reportviewer.format.Units;

/**
 * One report tab: start, watch, cancel, resume and save one report at a time. Properties only, no
 * controls; every property is read and written on the UI thread.
 *
 * <p>The stream itself is a {@link ReportSession} (client layer) writing into the tab's
 * {@link ReportDocument} on the gRPC thread. This class only runs its commands and maps its
 * snapshots onto properties; snapshots reach the UI thread latest-wins, one pending task at most.
 */
public final class ReportTabViewModel {

    /** The progress value a ProgressBar shows as indeterminate (ProgressBar.INDETERMINATE_PROGRESS). */
    public static final double INDETERMINATE = StreamFigures.INDETERMINATE;

    private final UiExecutor ui;
    private final Executor io;
    private final DocumentFactory documents;
    private final StreamFigures figures = new StreamFigures();

    private final StringProperty title = new SimpleStringProperty("New report");
    private final StringProperty reportId = new SimpleStringProperty("");
    private final ObjectProperty<StreamState> state = new SimpleObjectProperty<>(StreamState.IDLE);
    private final ObjectProperty<ReportDocument> document = new SimpleObjectProperty<>();
    private final ObjectProperty<Status.Code> finalCode = new SimpleObjectProperty<>();
    private final StringProperty explanation = new SimpleStringProperty("Ready: no report started in this tab yet.");
    private final StringProperty message = new SimpleStringProperty("");
    private final SimpleBooleanProperty cancelRequested = new SimpleBooleanProperty();
    private final ObjectProperty<CallDetails> call = new SimpleObjectProperty<>();
    /** Bumped whenever the document grew: the view refreshes its text pane on it. */
    private final LongProperty revision = new SimpleLongProperty();
    private final BooleanBinding canStart;
    private final BooleanBinding canCancel;
    private final BooleanBinding canResume;

    private ReportSession session;
    private Connection connection;
    private Duration deadline;
    private Pacer pacer = Pacer.NONE;
    /** The chunk a resume asks for: the first one the document does not have yet. */
    private int nextChunk;
    private SessionSnapshot last;

    public ReportTabViewModel(UiExecutor ui, Executor io, DocumentFactory documents) {
        this.ui = ui;
        this.io = io;
        this.documents = documents;
        this.canStart = Bindings.createBooleanBinding(() -> !state.get().busy(), state);
        this.canCancel = Bindings.createBooleanBinding(() -> state.get().busy() && !cancelRequested.get(), state,
                cancelRequested);
        this.canResume = Bindings.createBooleanBinding(() -> state.get().partial() && document.get() != null
                && finalCode.get() != null && resumable(finalCode.get()), state, document, finalCode);
    }

    /** Whether a stream that ended with {@code code} can be continued with Resume. */
    public static boolean resumable(Status.Code code) {
        return ReportSession.resumable(code);
    }

    /**
     * Starts streaming {@code id} from {@code conn}; the previous report of this tab is replaced.
     *
     * @return false (with {@link #messageProperty()} saying why) when it cannot start
     */
    public boolean start(Connection conn, String id, Duration callDeadline) {
        String trimmed = id == null ? "" : id.strip();
        if (state.get().busy()) {
            message.set("This tab is still streaming: cancel it first, or open a new tab ("
                    + Shortcut.NEW_TAB.keyText() + ").");
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
        deadline = callDeadline;
        reportId.set(trimmed);
        title.set(shortTitle(trimmed));
        figures.reset();
        last = null;
        call.set(null);
        nextChunk = 0;
        session = newSession(trimmed, fresh);
        begin(conn, false);
        return true;
    }

    /**
     * Continues the report this tab holds from the first chunk it is missing, appending to the same
     * document: the result is byte-identical to an uninterrupted run. Figures carry on.
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
        begin(conn, true);
        message.set("Resumed at chunk " + Units.count(nextChunk));
        return true;
    }

    private ReportSession newSession(String id, ReportDocument target) {
        SessionOptions options = SessionOptions.defaults().withDeadline(deadline).withPacer(pacer);
        ReportSession[] self = new ReportSession[1];
        self[0] = new ReportSession(id, new DocumentSink(target), options, null, ui, snapshot -> {
            if (session == self[0]) {
                apply(snapshot); // a replaced session's late snapshots are dropped
            }
        });
        return self[0];
    }

    private void begin(Connection conn, boolean resume) {
        connection = conn;
        cancelRequested.set(false);
        finalCode.set(null);
        message.set("");
        state.set(StreamState.CONNECTING);
        explanation.set(resumedPrefix(resume ? nextChunk : -1) + "Connecting to " + conn.label() + "…");
        figures.starting(resume);
        if (resume) {
            session.resume(conn.client());
        } else {
            session.start(conn.client());
        }
        figures.refreshStatusLine(state.get());
    }

    private static String resumedPrefix(int resumedAt) {
        return resumedAt < 0 ? "" : "Resumed at chunk " + Units.count(resumedAt) + ": ";
    }

    /** How streams of this tab ask for more chunks: the window's {@link FramePacer}; none in tests. */
    public void setPacer(Pacer p) {
        pacer = Objects.requireNonNull(p, "pacer");
    }

    /** Cancels the stream in flight (the server sees it); the text received so far stays. */
    public void cancel() {
        if (session != null && state.get().busy()) {
            cancelRequested.set(true);
            explanation.set("Cancelling…");
            session.cancel();
        }
    }

    /** Refreshes elapsed time and live rates; the view calls it a few times a second while busy. */
    public void tick() {
        if (session != null && state.get().busy()) {
            apply(session.snapshot());
        }
    }

    /** Cancels the stream and deletes the spool: the tab is going away. */
    public void dispose() {
        cancel();
        ReportDocument d = document.get();
        document.set(null);
        if (d != null) {
            // The gRPC thread may still be inside append(); close once the run has really ended.
            CompletableFuture<?> ended = session == null ? CompletableFuture.completedFuture(null) : session.whenEnded();
            ended.whenComplete((r, e) -> d.close());
        }
    }

    /** "demo.txt", or "demo.partial.txt" when the report is incomplete. */
    public String suggestedFileName() {
        return SaveDialog.suggestedName(reportId.get(), state.get() == StreamState.COMPLETED);
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
        return ReportSaver.save(document.get(), target, isPartial(), figures.chunks().get(), io, ui, message::set);
    }

    // --- snapshots onto properties (UI thread) ---

    private void apply(SessionSnapshot s) {
        if (last == null || s.bytes() != last.bytes() || s.phase() != last.phase()) {
            revision.set(revision.get() + 1);
        }
        last = s;
        figures.apply(s);
        call.set(s.call());
        if (s.phase().running()) {
            if (state.get() == StreamState.CONNECTING && s.phase() == SessionSnapshot.Phase.STREAMING) {
                state.set(StreamState.STREAMING);
                explanation.set(cancelRequested.get() ? "Cancelling…"
                        : resumedPrefix(s.resumedAt()) + "Streaming from " + connection.label() + "…");
            }
        } else if (state.get().busy() && s.status() != null) {
            finish(s);
        }
        figures.refreshStatusLine(state.get());
    }

    private void finish(SessionSnapshot s) {
        Status status = s.status();
        finalCode.set(status.getCode());
        nextChunk = s.nextChunk();
        StreamState end = switch (s.phase()) {
            case COMPLETED -> StreamState.COMPLETED;
            case CANCELLED -> StreamState.CANCELLED;
            default -> StreamState.FAILED;
        };
        String resumed = s.resumedAt() < 0 ? "" : " Resumed at chunk " + Units.count(s.resumedAt()) + ".";
        explanation.set(StatusTexts.explain(status, reportId.get(), connection.target().toString(), s.chunks(),
                deadline) + resumed + (end != StreamState.COMPLETED && s.resumable()
                        ? " Resume continues from chunk " + Units.count(nextChunk) + "." : ""));
        cancelRequested.set(false);
        state.set(end);
    }

    private static String shortTitle(String id) {
        return id.length() <= 28 ? id : id.substring(0, 27) + "…";
    }

    // --- read-only properties ---

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
        return figures.chunks();
    }

    public ReadOnlyLongProperty bytesProperty() {
        return figures.bytes();
    }

    public ReadOnlyLongProperty totalChunksProperty() {
        return figures.totalChunks();
    }

    public ReadOnlyLongProperty elapsedMillisProperty() {
        return figures.elapsedMillis();
    }

    public ReadOnlyLongProperty firstChunkMillisProperty() {
        return figures.firstChunkMillis();
    }

    /** Live over a window of seconds while streaming; the average over every run once ended. */
    public ReadOnlyDoubleProperty bytesPerSecondProperty() {
        return figures.bytesPerSecond();
    }

    public ReadOnlyDoubleProperty chunksPerSecondProperty() {
        return figures.chunksPerSecond();
    }

    /** In [0, 1], or {@link #INDETERMINATE} while the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return figures.progress();
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
        return figures.statusLine();
    }

    /** The result of the last user action (save, refused start). */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** The latest call's request, headers, trailers and status (the call inspector); {@code null} before one. */
    public ReadOnlyObjectProperty<CallDetails> callProperty() {
        return call;
    }

    /** The byte rate of the report's last 30 s, or {@code null} before a start. */
    public RateHistory rateHistory() {
        return session == null ? null : session.rateHistory();
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

    /** How many UI tasks the stream's snapshots cost (coalesced: far fewer than chunks). */
    public long uiDrains() {
        return session == null ? 0 : session.snapshotDrains();
    }
}
