package org.reportviewer.screenshots;

import io.grpc.Status;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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

    /** The server "remembered from the last run": nothing listens there. */
    private static final String GONE = "127.0.0.1:1";
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
        // The last run's server, gone now (nothing listens on port 1): the tour starts where such a user does.
        prefs.put("target", GONE);
        prefs.putBoolean("embedded", false);
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
            } catch (WrongState e) {
                System.err.println("screenshot tour: " + e.getMessage());
                code = 1;
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

        // 0. the remembered server is gone: the window says so and offers the built-in server, one click.
        waitFor("the offer of the built-in server", () -> shown(scene.lookup("#use-embedded")));
        snapshot("remembered-server-gone.png", "the remembered server unreachable, the built-in server offered",
                () -> shown(scene.lookup("#use-embedded")) && !vm.connectionProperty().get().embedded()
                        && vm.connectionBar().unreachableTextProperty().get().contains("used last time, " + GONE),
                () -> "offered: " + shown(scene.lookup("#use-embedded")) + ", connection: "
                        + vm.connectionProperty().get().label());
        fx(() -> {
            ((Button) scene.lookup("#use-embedded")).fire();
            return null;
        });
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
        snapshot("finished.png", "a completed report with the find bar open on a hit",
                () -> first.getState() == StreamState.COMPLETED && shown(view.findBar())
                        && !selectedTab().textView().visibleLines().isEmpty(),
                () -> describe(first) + ", find bar shown: " + shown(view.findBar()));
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
        snapshot("table.png", "the table view with 80 rows", () -> tableShownWithRows(80), this::describeTable);
        fx(() -> {
            TabReader reader = selectedReader();
            reader.showFilter();
            reader.viewModel().columnProperty().set(1);
            reader.viewModel().filterTextProperty().set("APAC");
            return null;
        });
        waitFor("the table filter", () -> selectedReader().table().getItems().size() == 20);
        snapshot("table-filter.png", "the table filtered to 20 rows, filter bar open",
                () -> tableShownWithRows(20) && selectedReader().bar().isFilterShowing(), this::describeTable);
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
        snapshot("streaming.png", "a report streaming, chunks arrived",
                () -> streaming.getState() == StreamState.STREAMING && streaming.chunksProperty().get() > 0,
                () -> describe(streaming));

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
        snapshot("filter.png", "a text filter open on a report still streaming",
                () -> streaming.getState() == StreamState.STREAMING && selectedReader().bar().isFilterShowing()
                        && selectedReader().viewModel().modeProperty().get() == ReaderMode.TEXT,
                () -> describe(streaming) + ", filter shown: " + selectedReader().bar().isFilterShowing());
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
        snapshot("cancelled.png", "a cancelled report with its partial text",
                () -> streaming.getState() == StreamState.CANCELLED && streaming.chunksProperty().get() > 0
                        && !selectedTab().textView().visibleLines().isEmpty(),
                () -> describe(streaming));

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
        snapshot("error.png", "a tab failed with UNAVAILABLE",
                () -> failing.getState() == StreamState.FAILED
                        && failing.finalCodeProperty().get() == Status.Code.UNAVAILABLE,
                () -> describe(failing) + ", code " + failing.finalCodeProperty().get());

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
        snapshot("dark.png", "the dark theme, a report streaming",
                () -> view.darkProperty().get() && dark.getState() == StreamState.STREAMING
                        && dark.chunksProperty().get() > 0,
                () -> "dark: " + view.darkProperty().get() + ", " + describe(dark));

        // 6. the call inspector (Ctrl+I) of the same stream: headers, rate sparkline, figures.
        fx(() -> {
            view.toggleInspector();
            return null;
        });
        waitFor("a few seconds of rate samples", () -> dark.rateHistory().rates().length >= 8);
        snapshot("inspector.png", "the call inspector shown beside a streaming report",
                () -> shown(selectedTab().lookup("#inspector")) && dark.getState() == StreamState.STREAMING,
                () -> "inspector shown: " + shown(selectedTab().lookup("#inspector")) + ", " + describe(dark));
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

    /**
     * Takes the picture {@code name} once the window has settled, if it is in the named state;
     * else the tour fails with one line saying which picture, the state named and what it saw.
     */
    private void snapshot(String name, String state, BooleanSupplier holds, Supplier<String> seen) throws Exception {
        settle();
        if (!fx(holds::getAsBoolean)) {
            throw new WrongState(name + " is not in the state it pictures (" + state + "); the window shows "
                    + fx(seen::get));
        }
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

    /** A picture whose view is not in the state it names. */
    private static final class WrongState extends Exception {
        WrongState(String message) {
            super(message);
        }
    }

    /** Whether {@code n} is in the scene and shown, its parents too (FX thread). */
    private static boolean shown(Node n) {
        if (n == null || n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(ReportTabViewModel t) {
        return "the tab is " + t.getState() + " with " + t.chunksProperty().get() + " chunks";
    }

    /** The selected tab shows its table with {@code rows} rows (FX thread). */
    private boolean tableShownWithRows(int rows) {
        TabReader r = selectedReader();
        return r.viewModel().modeProperty().get() == ReaderMode.TABLE && shown(r.table())
                && r.table().getItems() != null && r.table().getItems().size() == rows;
    }

    private String describeTable() {
        TabReader r = selectedReader();
        return "mode " + r.viewModel().modeProperty().get() + ", table shown: " + shown(r.table()) + ", rows: "
                + (r.table().getItems() == null ? 0 : r.table().getItems().size());
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
