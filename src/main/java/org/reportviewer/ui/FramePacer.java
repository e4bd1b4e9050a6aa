package org.reportviewer.ui;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.reportviewer.client.Pacer;

/**
 * Holds the window's streams to what it can show: all tabs share a budget of bytes per frame,
 * refilled at each frame. A stream that has used it up asks the server for more only at the next
 * frame, so gRPC flow control slows the server instead of the streams taking the CPU the FX and
 * render threads need (measured: 8 full-speed tabs on 2 cores left the window at 8 frames a second).
 * A late frame refills less, so the rate settles where frames come on time.
 *
 * <p>An {@linkplain #adaptive adaptive} pacer also moves the budget itself to what the window can
 * show, measured by the frames it asked for: a frame that came on time (within {@link #ON_TIME_NANOS})
 * while streams were held back raises the budget by a tenth; a later one (the paint and render cost
 * showing, since a pulse waits for the previous frame's rendering) lowers it in proportion to the
 * delay. A late frame the streams did not wait for lowers it too when they consumed bytes since the
 * last one: over TCP the budget may run out late in a frame or not at all, so waiting alone would not
 * show their work delaying frames (BENCHMARKS.md, "The window's frame budget, third round"). So a
 * fast machine is not capped at a fixed rate, and a slow one still pulses on time. It
 * starts low and grows: a window's first frames of a stream are its dearest (new tabs' first layout,
 * code not yet compiled). Aiming at on-time frames, with no band of tolerated lateness, is what keeps
 * the window smooth: with a quarter's growth and frames up to two frame times tolerated, 8 streaming
 * tabs settled at 28 ms a frame (BENCHMARKS.md, "The window's frame budget, second round").
 *
 * <p>Threading: {@link #pace} from any thread; {@link #onFrame} from the UI thread, once per frame
 * (the app calls it from a pulse listener). No toolkit needed: tests call {@code onFrame} by hand.
 */
public final class FramePacer implements Pacer {

    static final long FRAME_NANOS = TimeUnit.SECONDS.toNanos(1) / 60;
    /** A frame this late refills only this fraction of the budget. */
    static final double MIN_SHARE = 1.0 / 8;
    /** A longer pause between frames is idleness (nothing to paint), not lateness. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** An adaptive pacer's range: ≈ 15 MiB/s (a very slow window) to ≈ 3.8 GiB/s (no cap in practice). */
    public static final long MIN_ADAPTIVE_BYTES = 256 << 10;
    public static final long MAX_ADAPTIVE_BYTES = 64 << 20;
    /** A frame asked for that comes within this is on time; a later one shows the window falling behind. */
    static final long ON_TIME_NANOS = FRAME_NANOS * 5 / 4;
    static final double GROWTH = 1.1;

    private final long minBytes;
    private final long maxBytes;
    private volatile long bytesPerFrame;
    private final Runnable requestFrame;
    private final AtomicLong budget;
    /** Bytes streams consumed since the last frame: was the window busy with them? */
    private final AtomicLong consumedSinceFrame = new AtomicLong();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean frameRequested = new AtomicBoolean();
    private final LongSupplier clock;
    private volatile long requestedAtNanos;
    private long lastFrameNanos;
    private boolean hadFrame;

    /**
     * @param requestFrame makes the UI run a frame soon even when nothing else changes (streams that
     *     wait for one would otherwise wait forever); any thread
     */
    public FramePacer(long bytesPerFrame, Runnable requestFrame) {
        this(bytesPerFrame, bytesPerFrame, bytesPerFrame, requestFrame, System::nanoTime);
    }

    /**
     * A pacer whose budget starts at {@code initial} and follows the frames between {@code min} and
     * {@code max} (equal bounds: a fixed budget). {@code clock} times when a frame is asked for, on
     * the same scale as {@link #onFrame}'s argument.
     */
    FramePacer(long initial, long min, long max, Runnable requestFrame, LongSupplier clock) {
        if (min < 1 || initial < min || initial > max) {
            throw new IllegalArgumentException("the budget per frame must be at least 1 byte and within its bounds");
        }
        this.bytesPerFrame = initial;
        this.minBytes = min;
        this.maxBytes = max;
        this.requestFrame = requestFrame;
        this.clock = clock;
        this.budget = new AtomicLong(initial);
    }

    /** The window's pacer: starts at {@link #MIN_ADAPTIVE_BYTES} and follows what frames show. */
    public static FramePacer adaptive(Runnable requestFrame) {
        return new FramePacer(MIN_ADAPTIVE_BYTES, MIN_ADAPTIVE_BYTES, MAX_ADAPTIVE_BYTES, requestFrame,
                System::nanoTime);
    }

    /** The current budget per frame (any thread; for the status of the benchmark). */
    public long bytesPerFrame() {
        return bytesPerFrame;
    }

    @Override
    public void pace(long bytes, Runnable requestMore) {
        // Charged when consumed, whether the request goes now or later: debts carry into later frames.
        consumedSinceFrame.addAndGet(bytes);
        boolean within = budget.addAndGet(-bytes) >= 0;
        if (within && waiting.isEmpty()) {
            requestMore.run();
            return;
        }
        waiting.add(requestMore); // first come, first served: streams take turns
        askForFrame();
    }

    /** A frame is starting (UI thread): refill the budget and let waiting streams go on. */
    public void onFrame(long nowNanos) {
        // A frame this pacer asked for (streams were waiting) measures the window, from the later of the
        // last frame and the ask; one nobody asked for counts only when it came late while streams
        // consumed bytes: other pulses come whenever something else changes.
        boolean askedFor = frameRequested.getAndSet(false);
        boolean streamed = consumedSinceFrame.getAndSet(0) > 0;
        double share = 1;
        if (hadFrame && nowNanos - lastFrameNanos < IDLE_NANOS) {
            share = Math.max(MIN_SHARE, Math.min(1, FRAME_NANOS / (double) (nowNanos - lastFrameNanos)));
            if (askedFor) {
                adapt(nowNanos - Math.max(lastFrameNanos, requestedAtNanos));
            } else if (streamed && nowNanos - lastFrameNanos > ON_TIME_NANOS) {
                // Streams took what they consumed without waiting, yet the frame came late: their work is
                // what delayed it (over TCP the budget runs out late in a frame, if at all, so the ask alone
                // would never show it). Only lowers: growing needs streams that waited.
                adapt(nowNanos - lastFrameNanos);
            }
        }
        hadFrame = true;
        lastFrameNanos = nowNanos;
        long refill = (long) (bytesPerFrame * share);
        // Unused budget is not saved up: a burst after a quiet spell is still one frame's worth.
        budget.updateAndGet(b -> Math.min(b + refill, refill));
        for (Runnable r; budget.get() > 0 && (r = waiting.poll()) != null; ) {
            r.run();
        }
        if (!waiting.isEmpty()) {
            askForFrame();
        }
    }

    /** Moves the budget by how long the frame that streams waited for took (UI thread). */
    private void adapt(long gapNanos) {
        long b = bytesPerFrame;
        if (gapNanos <= ON_TIME_NANOS) {
            b = (long) Math.ceil(b * GROWTH);
        } else {
            b = (long) (b * Math.max(0.5, (double) ON_TIME_NANOS / gapNanos));
        }
        bytesPerFrame = Math.max(minBytes, Math.min(maxBytes, b));
    }

    /** Streams waiting for a frame now: for tests and the benchmark. */
    public int waitingCount() {
        return waiting.size();
    }

    private void askForFrame() {
        if (frameRequested.compareAndSet(false, true)) {
            requestedAtNanos = clock.getAsLong();
            requestFrame.run();
        }
    }
}
