package org.reportviewer.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.reportviewer.document.ReportDocument;
import org.reportviewer.format.Errors;
import org.reportviewer.format.Units;

/** Saves a tab's report off the UI thread and says what happened, in words, on the UI thread. */
final class ReportSaver {

    private ReportSaver() {}

    /**
     * @param document the tab's report, or {@code null} when it has none yet
     * @param partial the report is not complete: the message says the file holds only part of it
     * @param message receives each message on the UI thread
     * @return completes with the bytes written
     */
    static CompletableFuture<Long> save(ReportDocument document, Path target, boolean partial, long chunksHeld,
            Executor io, Executor ui, Consumer<String> message) {
        if (document == null) {
            message.accept("Nothing to save yet.");
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to save"));
        }
        message.accept("Saving to " + target + "…");
        return CompletableFuture.supplyAsync(() -> {
            try {
                document.saveTo(target);
                return document.byteCount();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io).whenComplete((written, error) -> ui.execute(() -> message.accept(error == null
                ? "Saved " + (partial ? "PARTIAL report (" + Units.count(chunksHeld) + " chunks), " : "")
                        + Units.bytes(written) + " to " + target
                : "Could not save to " + target + ": " + Errors.rootMessage(error))));
    }
}
