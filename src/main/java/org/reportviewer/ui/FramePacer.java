package org.reportviewer.ui;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reportviewer.client.Pacer;

/**
 * Holds the window's streams to what it can show: all tabs share a budget of bytes per frame,
 * refilled at each frame. A stream that has used it up asks the server for more only at the next
 * frame, so gRPC flow control slows the server instead of the streams taking the CPU the FX and
 * render threads need (measured: 8 full-speed tabs on 2 cores left the window at 8 frames a second).
 * A late frame refills less, so the rate settles where frames come on time.
 *
 * <p>Threading: {@link #pace} from any thread; {@link #onFrame} from the UI thread, once per frame
 * (the app calls it from a pulse listener). No toolkit needed: tests call {@code onFrame} by hand.
 */
public final class FramePacer implements Pacer {

    /** ≈ 120 MiB/s at 60 frames a second: more than the window took unpaced on the benchmark machine. */
    public static final long DEFAULT_BYTES_PER_FRAME = 2 << 20;
    static final long FRAME_NANOS = TimeUnit.SECONDS.toNanos(1) / 60;
    /** A frame this late refills only this fraction of the budget. */
    static final double MIN_SHARE = 1.0 / 8;
    /** A longer pause between frames is idleness (nothing to paint), not lateness. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long bytesPerFrame;
    private final Runnable requestFrame;
    private final AtomicLong budget;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean frameRequested = new AtomicBoolean();
    private long lastFrameNanos;
    private boolean hadFrame;

    /**
     * @param requestFrame makes the UI run a frame soon even when nothing else changes (streams that
     *     wait for one would otherwise wait forever); any thread
     */
    public FramePacer(long bytesPerFrame, Runnable requestFrame) {
        if (bytesPerFrame < 1) {
            throw new IllegalArgumentException("the budget per frame must be at least 1 byte");
        }
        this.bytesPerFrame = bytesPerFrame;
        this.requestFrame = requestFrame;
        this.budget = new AtomicLong(bytesPerFrame);
    }

    @Override
    public void pace(long bytes, Runnable requestMore) {
        // Charged when consumed, whether the request goes now or later: debts carry into later frames.
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
        frameRequested.set(false);
        double share = 1;
        if (hadFrame && nowNanos - lastFrameNanos < IDLE_NANOS) {
            share = Math.max(MIN_SHARE, Math.min(1, FRAME_NANOS / (double) (nowNanos - lastFrameNanos)));
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

    /** Streams waiting for a frame now: for tests and the benchmark. */
    public int waitingCount() {
        return waiting.size();
    }

    private void askForFrame() {
        if (frameRequested.compareAndSet(false, true)) {
            requestFrame.run();
        }
    }
}
