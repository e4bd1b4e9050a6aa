package org.reportviewer.ui.text;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.reportviewer.document.LineSource;

/**
 * Find and copy for the text pane: both read the report on the {@code background} executor and report
 * back on the {@code ui} executor (the FX thread in the app, direct in tests). Holds the current match
 * and a one-line status ("line 1,234", "not found", "copied 3 lines"). A new find cancels the previous
 * one. No controls here; everything but the background work runs on the UI thread.
 */
public final class FindCopyModel {

    /** Copying more than this many characters copies only the first part, and says so. */
    public static final int COPY_LIMIT_CHARS = 16 * 1024 * 1024;

    private final Executor background;
    private final Executor ui;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private Runnable matchChanged = () -> {};
    private AtomicBoolean searchCancel = new AtomicBoolean();
    private int generation;
    private long matchLine = -1;
    private String matchNeedle;
    private boolean matchCase;
    private int copyLimitChars = COPY_LIMIT_CHARS;

    public FindCopyModel(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    /** Called (on the UI thread) whenever the match or its highlight changes. */
    void setOnMatchChanged(Runnable r) {
        matchChanged = r;
    }

    /**
     * Looks for the next (or previous) line of {@code source} containing {@code needle}, wrapping around
     * once. Repeating the last search continues after its match; a new one starts at {@code start}.
     * On a hit, {@code show} gets the line on the UI thread.
     */
    public void find(LineSource source, String needle, boolean forward, boolean caseSensitive, long start,
                     LongConsumer show) {
        cancel();
        if (source == null || needle == null || needle.isEmpty()) {
            clearMatch();
            status.set(needle == null || needle.isEmpty() ? "" : "nothing to search");
            return;
        }
        if (needle.indexOf('\n') >= 0) {
            status.set("cannot search across lines");
            return;
        }
        long total = source.lineCount();
        boolean same = needle.equals(matchNeedle) && caseSensitive == matchCase && matchLine >= 0;
        long from = same ? (forward ? matchLine + 1 : matchLine - 1) : start;
        AtomicBoolean cancel = new AtomicBoolean();
        searchCancel = cancel;
        int gen = ++generation;
        status.set("searching…");
        background.execute(() -> {
            String message;
            long found = -1;
            try {
                OptionalLong hit = source.find(needle, from, forward, caseSensitive, cancel::get);
                boolean wrapped = false;
                if (hit.isEmpty() && (forward ? from > 0 : from < total - 1)) {
                    hit = source.find(needle, forward ? 0 : total - 1, forward, caseSensitive, cancel::get);
                    wrapped = true;
                }
                if (hit.isPresent()) {
                    found = hit.getAsLong();
                    message = String.format("line %,d%s", source.sourceLine(found) + 1, wrapped ? " (wrapped)" : "");
                } else {
                    message = "not found";
                }
            } catch (CancellationException e) {
                return;
            } catch (Exception e) {
                message = "search failed: " + e.getMessage();
            }
            long line = found;
            String text = message;
            ui.execute(() -> {
                if (gen != generation) {
                    return;
                }
                status.set(text);
                matchLine = line;
                matchNeedle = line >= 0 ? needle : matchNeedle;
                matchCase = caseSensitive;
                if (line >= 0) {
                    show.accept(line);
                }
                matchChanged.run();
            });
        });
    }

    /** Copies lines {@code from..to} of {@code source}, read in the background, into {@code clipboard}. */
    public void copy(LineSource source, long from, long to, Consumer<String> clipboard) {
        if (source == null || from < 0) {
            status.set("nothing selected");
            return;
        }
        int limit = copyLimitChars;
        status.set("copying…");
        background.execute(() -> {
            Selection s;
            try {
                s = read(source, from, to, limit);
            } catch (RuntimeException e) {
                ui.execute(() -> status.set("copy failed: " + e.getMessage()));
                return;
            }
            ui.execute(() -> {
                clipboard.accept(s.text);
                status.set(s.truncated
                        ? String.format("copied the first %,d of %,d lines (copying is limited to %s characters)",
                                s.lines, to - from + 1, limit >= 1 << 20 ? (limit >> 20) + " Mi" : limit)
                        : String.format("copied %,d line%s", s.lines, s.lines == 1 ? "" : "s"));
            });
        });
    }

    /** Lines {@code from..to} joined by '\n', at most the copy limit; on the calling thread. */
    public String text(LineSource source, long from, long to) {
        return source == null || from < 0 ? "" : read(source, from, to, copyLimitChars).text;
    }

    /** Stops a running find and forgets the match (a new document). */
    public void reset() {
        cancel();
        clearMatch();
        status.set("");
    }

    /** Stops a running find; its result is dropped. */
    public void cancel() {
        searchCancel.set(true);
        generation++;
    }

    private void clearMatch() {
        matchLine = -1;
        matchNeedle = null;
        matchChanged.run();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Shows a message in the status line (e.g. "cannot read the report"). */
    void setStatus(String message) {
        status.set(message);
    }

    /** View line of the current match, or -1. */
    public long matchLine() {
        return matchLine;
    }

    public String matchNeedle() {
        return matchLine >= 0 ? matchNeedle : null;
    }

    public boolean matchCase() {
        return matchCase;
    }

    /** Lowers the copy limit (tests). */
    void setCopyLimitChars(int limit) {
        copyLimitChars = limit;
    }

    private static Selection read(LineSource source, long from, long to, int limit) {
        StringBuilder sb = new StringBuilder();
        long line = from;
        boolean truncated = false;
        while (line <= to && !truncated) {
            List<String> batch = source.lines(line, (int) Math.min(256, to - line + 1));
            if (batch.isEmpty()) {
                break;
            }
            for (String s : batch) {
                int room = limit - sb.length() - (line > from ? 1 : 0);
                if (s.length() > room) {
                    truncated = true;
                    break;
                }
                if (line > from) {
                    sb.append('\n');
                }
                sb.append(s);
                line++;
            }
        }
        return new Selection(sb.toString(), line - from, truncated);
    }

    private record Selection(String text, long lines, boolean truncated) {}
}
