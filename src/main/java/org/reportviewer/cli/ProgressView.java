package org.reportviewer.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of {@code fetch} on stderr (me.tongfei:progressbar renders and refreshes it on
 * its own thread; we only move the counter). Counts chunks, since the total is known in chunks
 * (when the server sends it; otherwise the bar is indefinite), with the bytes held beside it.
 */
final class ProgressView implements AutoCloseable {

    private static final int MAX_NAME = 24;

    private final ProgressBar bar;

    ProgressView(PrintStream err, String reportId, int startChunk) {
        String name = reportId.length() <= MAX_NAME ? reportId : reportId.substring(0, MAX_NAME - 3) + "...";
        this.bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(-1) // indefinite until the server says how many chunks there are
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUnit(" chunks", 1)
                .setUpdateIntervalMillis(200)
                .startsFrom(startChunk, java.time.Duration.ZERO)
                .build();
    }

    /** After chunk {@code chunkNumber} was kept; {@code totalChunks} 0 when unknown. */
    void update(int chunkNumber, int totalChunks, long bytesHeld) {
        if (totalChunks > 0 && bar.getMax() != totalChunks) {
            bar.maxHint(totalChunks);
        }
        bar.stepTo(chunkNumber + 1L);
        bar.setExtraMessage(String.format(Locale.ROOT, " %.1f MB", bytesHeld / 1e6));
    }

    @Override
    public void close() {
        bar.close();
    }
}
