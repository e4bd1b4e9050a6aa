package org.reportviewer.document;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.regex.PatternSyntaxException;

/**
 * Filters a growing report in the background: shows which lines (or rows) match a {@link FilterQuery},
 * keeps up with units that arrive while the report streams, and starts over, cancelling the old scan,
 * when the query changes. No JavaFX here: the owner passes an executor for the scans (a pool in the
 * app, a direct one in tests) and a listener that it coalesces onto its own thread.
 *
 * <p>Matches go into a {@link MatchList}, so even a filter matching all 16 M lines of a 1 GiB report
 * holds about 130 KB of heap; the scan itself reads the report in bounded buffers.
 */
public final class FilterModel implements AutoCloseable {

    /** Units scanned between progress reports and cancellation checks. */
    private static final int BATCH = 64 * 1024;

    private final UnitSource source;
    private final Executor executor;
    private final Runnable changed;
    private volatile Run run;
    /** The query before the current one: its matches stay readable until the next change. */
    private Run retired;
    private volatile boolean ended;
    private volatile boolean closed;

    /**
     * @param changed called (on a scan thread) after matches or progress changed; the owner coalesces it
     *                onto its UI thread and reads {@link #progress()} / {@link #matches()} there
     */
    public FilterModel(UnitSource source, Executor executor, Runnable changed) {
        this.source = source;
        this.executor = executor;
        this.changed = changed;
    }

    /**
     * Starts filtering for {@code query} (an empty query filters nothing). A scan still running for the
     * previous query stops at its next batch.
     *
     * @throws PatternSyntaxException for a bad regex; the previous filter is then left as it was
     */
    public synchronized void setQuery(FilterQuery query) {
        FilterQuery.Test test = query.isEmpty() ? null : query.compile();
        Run old = run;
        if (retired != null) {
            retired.matches.close();
        }
        // The old scan stops at its next batch; its matches stay readable for one more change, so a
        // view can still map its place through them while it switches to the new ones.
        retired = old;
        if (old != null) {
            old.cancelled = true;
        }
        run = test == null || closed ? null : new Run(query, test);
        if (run != null) {
            run.work.request();
        }
    }

    /** The report grew (or ended); any thread, as often as wanted. */
    public void sourceChanged(boolean streamEnded) {
        ended = streamEnded;
        Run r = run;
        if (r != null) {
            r.work.request();
        }
    }

    /** The active query, or {@link FilterQuery#NONE}. */
    public FilterQuery query() {
        Run r = run;
        return r == null ? FilterQuery.NONE : r.query;
    }

    /** Whether a non-empty query is active. */
    public boolean isActive() {
        return run != null;
    }

    /**
     * The matching unit numbers of the active query, in order, or {@code null} without one. Valid until
     * the next {@link #setQuery} but one (so a view can still read it while switching); reading it
     * from any thread is safe.
     */
    public MatchList matches() {
        Run r = run;
        return r == null ? null : r.matches;
    }

    /** Where the active scan stands. */
    public Progress progress() {
        Run r = run;
        if (r == null) {
            return new Progress(FilterQuery.NONE, 0, 0, 0, true, null);
        }
        long total = source.stableCount(ended);
        return new Progress(r.query, r.matches.size(), r.scanned, total, r.scanned >= total, r.error);
    }

    /**
     * @param matches units matched so far
     * @param scanned units scanned so far
     * @param total   units that can be scanned now
     * @param caughtUp whether every unit there is has been scanned
     * @param error   why the scan stopped early, or {@code null}
     */
    public record Progress(FilterQuery query, long matches, long scanned, long total, boolean caughtUp,
                           String error) {
    }

    @Override
    public synchronized void close() {
        closed = true;
        setQuery(FilterQuery.NONE);
        setQuery(FilterQuery.NONE); // and the retired one
    }

    /** One query's scan; its state is written only by its own drain (never two at once). */
    private final class Run {
        final FilterQuery query;
        final FilterQuery.Test test;
        final MatchList matches = new MatchList();
        final SerialWork work = new SerialWork(executor, this::scan);
        volatile boolean cancelled;
        volatile long scanned;
        volatile String error;

        Run(FilterQuery query, FilterQuery.Test test) {
            this.query = query;
            this.test = test;
        }

        private void scan() {
            if (cancelled || error != null) {
                return;
            }
            try {
                long total = source.stableCount(ended);
                // Reports only progress: a run that found nothing new says nothing, so an owner
                // that asks for a run on every report cannot start a ping-pong.
                while (scanned < total && !cancelled) {
                    long to = Math.min(total, scanned + BATCH);
                    scanned = source.scan(scanned, to, this::test, () -> cancelled);
                    changed.run();
                }
            } catch (IOException | RuntimeException e) {
                if (!cancelled) {
                    error = "filter stopped: " + e.getMessage();
                    changed.run();
                }
            }
        }

        private void test(long index, byte[] buf, int from, int to) {
            boolean hit;
            if (query.column() == FilterQuery.ANY_COLUMN) {
                hit = test.bytes(buf, from, to);
            } else if (test.rowRulesOutFields(buf, from, to)) {
                hit = false;
            } else {
                String field = source.field(buf, from, to, query.column());
                hit = field != null && test.text(field);
            }
            if (hit) {
                matches.add(index);
            }
        }
    }
}
