package org.reportviewer.ui.text;

/**
 * The sizes of the pane's monospaced font, in pixels: measured once per font by the skin, given
 * directly in tests.
 *
 * @param charWidth  advance of one character
 * @param lineHeight height of one row
 * @param ascent     baseline offset within a row
 */
public record FontMetrics(double charWidth, double lineHeight, double ascent) {

    public FontMetrics {
        if (!(charWidth > 0) || !(lineHeight > 0)) {
            throw new IllegalArgumentException("font metrics must be positive: " + charWidth + " x " + lineHeight);
        }
    }

    /** A stand-in until the skin measures the real font. */
    static final FontMetrics DEFAULT = new FontMetrics(8, 16, 12);
}
