package org.reportviewer.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.reportviewer.document.ReportDocument;

/**
 * A JUnit 5 extension: a fresh {@link ReportTabViewModel} per test with no JavaFX toolkit. Its "UI
 * thread" is a {@link ManualUiExecutor} the test drives; its IO runs on a real single thread.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TabHarness harness = new TabHarness(Duration.ofSeconds(20));
 * }</pre>
 */
final class TabHarness implements BeforeEachCallback, AfterEachCallback {

    private final Duration wait;
    private ExecutorService io;
    private ManualUiExecutor ui;
    private ReportTabViewModel tab;

    TabHarness(Duration wait) {
        this.wait = wait;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        io = Executors.newSingleThreadExecutor();
        ui = new ManualUiExecutor();
        tab = new ReportTabViewModel(ui, io, ReportDocument::createTemp);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        tab.dispose();
        io.shutdownNow();
    }

    ReportTabViewModel tab() {
        return tab;
    }

    ManualUiExecutor ui() {
        return ui;
    }

    /** Waits while running the "UI thread" tasks on this thread. */
    void awaitUi(BooleanSupplier condition) {
        ui.runUntil(wait, condition);
    }

    /** The tab document's bytes so far, read back through a save to a temporary file. */
    byte[] documentBytes() throws IOException {
        Path out = Files.createTempFile("tab-doc-", ".txt");
        try {
            tab.documentProperty().get().saveTo(out);
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
