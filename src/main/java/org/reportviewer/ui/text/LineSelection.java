package org.reportviewer.ui.text;

/**
 * Whole-line selection: an anchor line and a caret line (the end that moves), or nothing. Plain Java.
 */
public final class LineSelection {

    private long anchor = -1;
    private long caret = -1;

    public boolean isEmpty() {
        return anchor < 0;
    }

    /** Selects lines {@code anchor..caret} (either order). */
    public void select(long anchor, long caret) {
        this.anchor = anchor;
        this.caret = caret;
    }

    /** Moves the caret, keeping the anchor (Shift+click, drag, Shift+arrows). */
    public void extendTo(long line) {
        if (anchor < 0) {
            anchor = line;
        }
        caret = line;
    }

    public void clear() {
        anchor = caret = -1;
    }

    public long anchor() {
        return anchor;
    }

    public long caret() {
        return caret;
    }

    /** First selected line, or -1. */
    public long from() {
        return Math.min(anchor, caret);
    }

    /** Last selected line, or -1. */
    public long to() {
        return Math.max(anchor, caret);
    }

    public boolean contains(long line) {
        return anchor >= 0 && line >= from() && line <= to();
    }
}
