package org.reportviewer.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.reportviewer.client.SessionSnapshot;
import org.reportviewer.format.Units;

/**
 * The figures of one tab's stream as properties, mapped from session snapshots: counts, times,
 * rates, progress and the one-line summary. UI thread only.
 */
final class StreamFigures {

    /** The progress value a ProgressBar shows as indeterminate (ProgressBar.INDETERMINATE_PROGRESS). */
    static final double INDETERMINATE = -1;

    private final LongProperty chunks = new SimpleLongProperty();
    private final LongProperty bytes = new SimpleLongProperty();
    private final LongProperty totalChunks = new SimpleLongProperty();
    private final LongProperty elapsedMillis = new SimpleLongProperty();
    private final LongProperty firstChunkMillis = new SimpleLongProperty(-1);
    private final DoubleProperty bytesPerSecond = new SimpleDoubleProperty();
    private final DoubleProperty chunksPerSecond = new SimpleDoubleProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty statusLine = new SimpleStringProperty("");

    /** A fresh report: everything back to zero. */
    void reset() {
        chunks.set(0);
        bytes.set(0);
        totalChunks.set(0);
        elapsedMillis.set(0);
        firstChunkMillis.set(-1);
        bytesPerSecond.set(0);
        chunksPerSecond.set(0);
    }

    /** A run starts: the bar moves until the server says how far it is (a resume keeps a known fraction). */
    void starting(boolean resume) {
        if (!resume || progress.get() < 0 || totalChunks.get() == 0) {
            progress.set(INDETERMINATE);
        }
    }

    void apply(SessionSnapshot s) {
        chunks.set(s.chunks());
        bytes.set(s.bytes());
        totalChunks.set(s.totalChunks());
        elapsedMillis.set(s.elapsedMillis());
        firstChunkMillis.set(s.firstChunkMillis());
        bytesPerSecond.set(s.bytesPerSecond());
        chunksPerSecond.set(s.chunksPerSecond());
        if (s.phase().running()) {
            double p = s.progress();
            progress.set(p < 0 ? INDETERMINATE : p);
        } else if (s.phase() == SessionSnapshot.Phase.COMPLETED) {
            progress.set(1);
        } else if (progress.get() < 0) {
            progress.set(0); // an indeterminate bar must stop moving once nothing arrives any more
        }
    }

    /** "Streaming · 12 / 300 chunks · 4.0 KiB · 1.2 s · 3.4 KB/s · 20 chunks/s · first chunk 35 ms". */
    void refreshStatusLine(StreamState state) {
        StringBuilder b = new StringBuilder(state.label());
        b.append(" · ").append(Units.count(chunks.get()));
        if (totalChunks.get() > 0) {
            b.append(" / ").append(Units.count(totalChunks.get()));
        }
        b.append(" chunks · ").append(Units.bytes(bytes.get()))
                .append(" · ").append(Units.millis(elapsedMillis.get()))
                .append(" · ").append(Units.rate(bytesPerSecond.get(), chunksPerSecond.get()))
                .append(" · first chunk ").append(Units.millis(firstChunkMillis.get()));
        statusLine.set(b.toString());
    }

    ReadOnlyLongProperty chunks() {
        return chunks;
    }

    ReadOnlyLongProperty bytes() {
        return bytes;
    }

    ReadOnlyLongProperty totalChunks() {
        return totalChunks;
    }

    ReadOnlyLongProperty elapsedMillis() {
        return elapsedMillis;
    }

    ReadOnlyLongProperty firstChunkMillis() {
        return firstChunkMillis;
    }

    ReadOnlyDoubleProperty bytesPerSecond() {
        return bytesPerSecond;
    }

    ReadOnlyDoubleProperty chunksPerSecond() {
        return chunksPerSecond;
    }

    ReadOnlyDoubleProperty progress() {
        return progress;
    }

    ReadOnlyStringProperty statusLine() {
        return statusLine;
    }
}
