package org.reportviewer.ui.inspect;

import javafx.animation.AnimationTimer;

/**
 * Paints a canvas at most once per pulse: a change only marks it dirty and asks for the next pulse,
 * so a burst of updates between two frames costs one paint. FX thread only.
 */
final class PulsePainter {

    private final Runnable paint;
    private final AnimationTimer nextPulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            paintIfDirty();
        }
    };
    private boolean dirty = true;
    private long paints;

    PulsePainter(Runnable paint) {
        this.paint = paint;
    }

    /** Something shown changed: paint in the next pulse (once, however often this is called). */
    void invalidate() {
        if (!dirty) {
            dirty = true;
            nextPulse.start();
        }
    }

    /** Paint now if anything changed (a layout pass, which runs in the pulse anyway). */
    void paintIfDirty() {
        if (dirty) {
            dirty = false;
            nextPulse.stop();
            paints++;
            paint.run();
        }
    }

    /** The size changed: the next {@link #paintIfDirty()} must paint. */
    void markDirty() {
        dirty = true;
    }

    long paints() {
        return paints;
    }
}
