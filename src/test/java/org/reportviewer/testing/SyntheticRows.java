package org.reportviewer.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.function.Predicate;
import org.reportviewer.server.SyntheticText;

/**
 * Reference counts over the synthetic report, computed from its generator and split naively (its rows
 * have no quotes), so tests check the viewer's table and filters against something the viewer did not
 * compute.
 */
public final class SyntheticRows {

    private SyntheticRows() {}

    /** Data rows (after the header) among the first {@code lines} lines whose field {@code column} passes. */
    public static long count(long lines, int column, Predicate<String> field) {
        SyntheticText text = new SyntheticText();
        long n = 0;
        for (long r = 1; r < lines; r++) {
            n += field.test(new String(text.rowBytes(r), US_ASCII).split(",")[column]) ? 1 : 0;
        }
        return n;
    }
}
