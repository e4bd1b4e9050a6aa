package org.reportviewer.screenshots;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.reportviewer.app.AppSettings;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.app.EmbeddedServer;
import org.reportviewer.app.MainWindow;
import org.reportviewer.app.ReportViewerApp;
import org.reportviewer.ui.MainView;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabView;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.SaveDialog;
import org.reportviewer.ui.StreamState;
import org.reportviewer.ui.UiExecutor;
import org.reportviewer.ui.reader.ReaderMode;
import org.reportviewer.ui.reader.TabReader;

/**
 * Drives the real window (embedded server, real streams) through the states the README shows and
 * writes PNG snapshots of the scene: {@code screenshots/capture.sh} runs it under Xvfb.
 */
public final class ScreenshotTour extends Application {

    private static Path outDir;
    private EmbeddedServer embedded;
    private ConnectionManager connections;
    private ExecutorService io;
    private MainViewModel vm;
    private MainView view;
    private Scene scene;
    private Preferences prefs;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] args) {
            outDir = Path.of(args.length > 0 ? args[0] : "screenshots");
            Application.launch(ScreenshotTour.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path reports = Files.createTempDirectory("tour-reports");
        Files.writeString(reports.resolve("quarterly-sales.csv"), sampleCsv());
        embedded = new EmbeddedServer(reports);
        connections = new ConnectionManager();
        io = ReportViewerApp.ioExecutor();
        prefs = Preferences.userRoot().node("org/reportviewer/tour-" + UUID.randomUUID());
        vm = new MainViewModel(UiExecutor.fx(), io, connections, embedded, ReportViewerApp.spoolDocuments());
        view = new MainView(vm, SaveDialog.fileChooser());
        scene = MainWindow.show(stage, vm, view, new AppSettings(prefs));
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(AppSettings.DEFAULT_WIDTH);
        stage.setHeight(AppSettings.DEFAULT_HEIGHT);
        vm.newTab();
        vm.connect();
        Thread tour = new Thread(() -> {
            int code = 0;
            try {
                run();
            } catch (Throwable t) {
                t.printStackTrace();
                code = 1;
            }
            int exit = code;
            Platform.runLater(() -> {
                try {
                    stop();
                } finally {
                    Platform.exit();
                    System.exit(exit);
                }
            });
        }, "tour");
        tour.setDaemon(true);
        tour.start();
    }

    private void run() throws Exception {
        Files.createDirectories(outDir);
        waitFor("the catalog", () -> vm.catalog().size() > 2);

        // 1. finished: a small CSV report from the reports folder, with a find hit.
        ReportTabViewModel first = fx(() -> vm.selectedTabProperty().get());
        startReport("quarterly-sales.csv", "");
        waitFor("the CSV report to complete", () -> first.getState() == StreamState.COMPLETED);
        fx(() -> {
            view.findBar().show();
            view.findBar().needleField().setText("Gizmo");
            view.findBar().find(true);
            return null;
        });
        settle();
        snapshot("finished.png");
        fx(() -> {
            view.findBar().hide();
            return null;
        });

        // 1b. the same CSV report as a table (Ctrl+2), then filtered on one column.
        fx(() -> {
            TabReader reader = selectedReader();
            reader.setMode(ReaderMode.TABLE);
            return null;
        });
        waitFor("the table rows", () -> selectedReader().table().getItems() != null
                && selectedReader().table().getItems().size() == 80);
        fx(() -> {
            selectedReader().table().getSelectionModel().selectRange(2, 5);
            return null;
        });
        snapshot("table.png");
        fx(() -> {
            TabReader reader = selectedReader();
            reader.showFilter();
            reader.viewModel().columnProperty().set(1);
            reader.viewModel().filterTextProperty().set("APAC");
            return null;
        });
        waitFor("the table filter", () -> selectedReader().table().getItems().size() == 20);
        snapshot("table-filter.png");
        fx(() -> {
            selectedReader().bar().hideFilter();
            selectedReader().setMode(ReaderMode.TEXT);
            return null;
        });

        // 2. streaming: a second tab, a synthetic report paced by the server.
        fx(vm::newTab);
        ReportTabViewModel streaming = fx(() -> vm.selectedTabProperty().get());
        startReport("synthetic?size=1MiB&chunk=1KiB&delay=8", "");
        waitFor("the stream to pass 35 %", () -> streaming.progressProperty().get() > 0.35);
        snapshot("streaming.png");

        // 2b. a regex filter on the text while the report still streams (Ctrl+Shift+F).
        fx(() -> {
            TabReader reader = selectedReader();
            reader.showFilter();
            reader.viewModel().regexProperty().set(true);
            reader.viewModel().filterTextProperty().set("APAC .*Gizmo");
            return null;
        });
        waitFor("filtered lines", () -> selectedTab().textView().getSource() != null
                && selectedTab().textView().getSource().lineCount() > 40);
        snapshot("filter.png");
        fx(() -> {
            selectedReader().bar().hideFilter();
            return null;
        });

        // 3. cancelled: the same stream, cancelled mid-way; the partial text stays.
        fx(() -> {
            vm.cancelSelected();
            return null;
        });
        waitFor("the cancel", () -> streaming.getState() == StreamState.CANCELLED);
        settle();
        snapshot("cancelled.png");

        // 4. error: a server that is not there.
        fx(() -> {
            vm.newTab();
            vm.useEmbeddedProperty().set(false);
            vm.targetTextProperty().set("127.0.0.1:1");
            vm.connect();
            return null;
        });
        ReportTabViewModel failing = fx(() -> vm.selectedTabProperty().get());
        startReport("demo", "10s");
        waitFor("the UNAVAILABLE failure", () -> failing.getState() == StreamState.FAILED);
        settle();
        snapshot("error.png");

        // 5. dark theme, streaming again on the embedded server.
        fx(() -> {
            vm.targetTextProperty().set("localhost:50051");
            vm.useEmbeddedProperty().set(true);
            vm.connect();
            view.darkProperty().set(true);
            vm.newTab();
            return null;
        });
        ReportTabViewModel dark = fx(() -> vm.selectedTabProperty().get());
        startReport("synthetic?size=4MiB&chunk=2KiB&delay=4", "");
        waitFor("the dark stream to pass 30 %", () -> dark.progressProperty().get() > 0.3);
        snapshot("dark.png");

        // 6. the call inspector (Ctrl+I) of the same stream: headers, rate sparkline, figures.
        fx(() -> {
            view.toggleInspector();
            return null;
        });
        waitFor("a few seconds of rate samples", () -> dark.rateHistory().rates().length >= 8);
        snapshot("inspector.png");
        fx(() -> {
            vm.cancelSelected();
            return null;
        });
        waitFor("the dark stream to end", () -> !dark.getState().busy());
    }

    /** The selected tab's view (FX thread). */
    private ReportTabView selectedTab() {
        ReportTabViewModel selected = vm.selectedTabProperty().get();
        return scene.getRoot().lookupAll(".report-tab").stream().map(ReportTabView.class::cast)
                .filter(v -> v.viewModel() == selected).findFirst().orElseThrow();
    }

    private TabReader selectedReader() {
        return TabReader.of(selectedTab());
    }

    private void startReport(String id, String deadline) throws Exception {
        fx(() -> {
            vm.reportIdTextProperty().set(id);
            vm.deadlineTextProperty().set(deadline);
            vm.startSelected();
            return null;
        });
    }

    /** Lets a few pulses pass so the canvas and labels have painted the latest state. */
    private void settle() throws Exception {
        for (int i = 0; i < 5; i++) {
            fx(() -> null);
            Thread.sleep(60);
        }
    }

    private void snapshot(String name) throws Exception {
        settle();
        WritableImage image = fx(() -> scene.snapshot(null));
        PixelReader pixels = image.getPixelReader();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        File file = outDir.resolve(name).toFile();
        ImageIO.write(out, "png", file);
        System.out.println("wrote " + file + " (" + w + "x" + h + ")");
    }

    private static <T> T fx(Callable<T> task) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get();
    }

    private static void waitFor(String what, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!fx(condition::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the tour waited 60 s for " + what);
            }
            Thread.sleep(30);
        }
    }

    private static String sampleCsv() {
        StringBuilder b = new StringBuilder("quarter,region,product,units,revenue_usd\n");
        String[] regions = {"EMEA", "APAC", "NA", "LATAM"};
        String[] products = {"Widget", "Gadget", "Sprocket", "Gizmo", "Flange"};
        int n = 0;
        for (int q = 1; q <= 4; q++) {
            for (String r : regions) {
                for (String p : products) {
                    int units = 120 + (n * 37) % 900;
                    b.append("2025-Q").append(q).append(',').append(r).append(',').append(p).append(',')
                            .append(units).append(',').append(String.format("%.2f", units * (7.5 + n % 13)))
                            .append('\n');
                    n++;
                }
            }
        }
        return b.toString();
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.closeAll();
        }
        if (connections != null) {
            connections.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (io != null) {
            io.shutdownNow();
        }
        try {
            if (prefs != null) {
                prefs.removeNode();
            }
        } catch (Exception ignored) {
            // a leftover test node is harmless
        }
    }
}
