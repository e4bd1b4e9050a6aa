package org.reportviewer.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.reportviewer.app.AppSettings;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.app.EmbeddedServer;
import org.reportviewer.app.MainWindow;
import org.reportviewer.app.ReportViewerApp;
import org.reportviewer.client.Channels;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ReportCall;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.ReportListener;
import org.reportviewer.client.StreamStats;
import org.reportviewer.client.Target;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.ui.MainView;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.SaveDialog;
import org.reportviewer.ui.StreamState;
import org.reportviewer.ui.UiExecutor;

/**
 * The window side of cases 5 and 7, run by {@link ViewerBench} in its own JVM (-Xmx256m): the real
 * app window (MainView over MainViewModel, embedded server, shared channel) streaming synthetic
 * reports, or the naive design (a TextArea and one {@code Platform.runLater} per chunk). Prints
 * {@code BENCH key=value} lines for the parent.
 */
public final class ViewerApp extends Application {

    static final String MODE = "bench.viewer.mode"; // design | tabs | naive | idle
    static final String SIZE = "bench.viewer.size"; // bytes per report
    static final String TABS = "bench.viewer.tabs";
    /** Pulses at least this long are listed with their time in the details: the p99 target is 50 ms. */
    static final double LONG_PULSE_MILLIS = 40;
    /** Output lines the parent passes on to its console: the FX thread's stacks in long pulses (FxProbe). */
    static final String STALL_PREFIX = "STALL ";
    static final String TIMEOUT = "bench.viewer.timeoutSeconds";
    /** inprocess (the app's own wiring: the window reaches its embedded server in-process) | tcp (loopback, through Netty) */
    static final String TRANSPORT = "bench.viewer.transport";
    static final int CHUNK = 64 << 10;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] args) {
            System.setProperty("org.slf4j.simpleLogger.log.org.reportviewer.server.access", "warn");
            Application.launch(ViewerApp.class, args);
        }
    }

    private final FxProbe probe = new FxProbe();
    private final String mode = System.getProperty(MODE, "design");
    private final long size = Long.getLong(SIZE, 1L << 30);
    private final int tabCount = Integer.getInteger(TABS, 8);
    private final long timeoutNanos = TimeUnit.SECONDS.toNanos(Long.getLong(TIMEOUT, 240));
    private final List<Runnable> cleanup = new ArrayList<>();

    @Override
    public void start(Stage stage) throws Exception {
        emit("mode", mode);
        emit("maxHeapMiB", FxProbe.maxHeap() >> 20);
        switch (mode) {
            case "design", "tabs", "idle" -> startDesign(stage, mode.equals("tabs") ? tabCount : mode.equals("idle") ? 0 : 1);
            case "naive" -> startNaive(stage);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    // ------------------------------------------------------------------ the app's design

    private void startDesign(Stage stage, int tabs) throws Exception {
        EmbeddedServer embedded = new EmbeddedServer(Files.createTempDirectory("bench-reports"));
        // As ReportViewerApp wires it, or (tcp) the embedded server over loopback TCP, as before the
        // in-process channel: the same JVM, server and window, with Netty and HTTP/2 in between.
        boolean tcp = System.getProperty(TRANSPORT, "inprocess").equals("tcp");
        emit("transport", tcp ? "tcp" : "inprocess");
        ConnectionManager connections = tcp ? new ConnectionManager() : embedded.connectionManager();
        ExecutorService io = ReportViewerApp.ioExecutor();
        Preferences prefs = Preferences.userRoot().node("org/reportviewer/bench-" + UUID.randomUUID());
        MainViewModel vm = new MainViewModel(UiExecutor.fx(), io, connections, embedded,
                ReportViewerApp.spoolDocuments());
        MainView view = new MainView(vm, SaveDialog.fileChooser());
        MainWindow.show(stage, vm, view, new AppSettings(prefs));
        cleanup.add(() -> {
            vm.closeAll();
            connections.close();
            embedded.close();
            io.shutdownNow();
            try {
                prefs.removeNode();
            } catch (Exception ignored) {
                // a leftover preferences node of a benchmark run is harmless
            }
        });
        vm.connect();
        String id = "synthetic?size=" + size + "&chunk=" + CHUNK;
        // Give the window a few pulses to show before the clock starts.
        runLaterAfterPulses(10, () -> {
            probe.start();
            long start = System.nanoTime();
            List<ReportTabViewModel> started = new ArrayList<>();
            for (int i = 0; i < tabs; i++) {
                vm.reportIdTextProperty().set(id);
                if (!vm.startSelected()) {
                    fail("could not start: " + vm.messageProperty().get());
                    return;
                }
                started.add(vm.selectedTabProperty().get());
            }
            long[] endAt = new long[tabs];
            Runnable check = new Runnable() {
                @Override
                public void run() {
                    boolean allDone = true;
                    long now = System.nanoTime();
                    for (int i = 0; i < tabs; i++) {
                        ReportTabViewModel t = started.get(i);
                        if (endAt[i] == 0 && !t.getState().busy()) {
                            endAt[i] = now;
                        }
                        allDone &= endAt[i] != 0;
                    }
                    boolean timedOut = now - start > timeoutNanos;
                    if (tabs == 0) {
                        allDone = false; // the control: the same window, nothing streaming, until the timeout
                    }
                    if (!allDone && !timedOut) {
                        runLaterAfterPulses(1, this);
                        return;
                    }
                    probe.stop();
                    long total = 0;
                    for (int i = 0; i < tabs; i++) {
                        ReportTabViewModel t = started.get(i);
                        long end = endAt[i] != 0 ? endAt[i] : now;
                        long bytes = t.bytesProperty().get();
                        total += bytes;
                        emit("tab" + i + ".state", t.getState());
                        emit("tab" + i + ".bytes", bytes);
                        emit("tab" + i + ".seconds", (end - start) / 1e9);
                        emit("tab" + i + ".uiDrains", t.uiDrains());
                    }
                    emit("timedOut", tabs > 0 && timedOut);
                    finish(total, now - start, tabs == 1 ? "view lines=" + lines(started.get(0)) : "");
                }
            };
            runLaterAfterPulses(1, check);
        });
    }

    private static long lines(ReportTabViewModel t) {
        return t.documentProperty().get() == null ? -1 : t.documentProperty().get().lineCount();
    }

    // ------------------------------------------------------------------ the naive design

    private void startNaive(Stage stage) throws Exception {
        ReportServer server = new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(null),
                Duration.ofSeconds(1)).start();
        ManagedChannel channel = Channels.plaintext(new Target("127.0.0.1", server.port()));
        ReportClient client = new ReportClient(channel);
        TextArea area = new TextArea();
        area.setEditable(false);
        stage.setScene(new Scene(area, AppSettings.DEFAULT_WIDTH, AppSettings.DEFAULT_HEIGHT));
        stage.setTitle("naive viewer");
        stage.show();
        AtomicLong inView = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean outOfMemory = new java.util.concurrent.atomic.AtomicBoolean();
        String id = "synthetic?size=" + size + "&chunk=" + CHUNK;
        runLaterAfterPulses(10, () -> {
            probe.start();
            long start = System.nanoTime();
            ReportCall call = client.fetch(FetchRequest.of(id), new ReportListener() {
                @Override
                public void onChunk(int chunkNumber, int totalChunks, ByteString data) {
                    String text = data.toStringUtf8();
                    // What many GUI clients do: one UI task per message, text appended to a TextArea.
                    Platform.runLater(() -> {
                        if (outOfMemory.get()) {
                            return;
                        }
                        try {
                            area.appendText(text);
                            inView.addAndGet(text.length());
                        } catch (OutOfMemoryError e) {
                            // The naive design's usual end with -Xmx256m: record it, free the text, stop.
                            outOfMemory.set(true);
                            area.clear();
                        }
                    });
                }

                @Override
                public void onCompleted(StreamStats stats) {}

                @Override
                public void onFailed(Status status, StreamStats stats) {}
            });
            cleanup.add(() -> {
                call.cancel();
                Channels.shutdown(channel);
                server.close();
            });
            Runnable check = new Runnable() {
                @Override
                public void run() {
                    long now = System.nanoTime();
                    boolean done = inView.get() >= size || outOfMemory.get();
                    boolean timedOut = now - start > timeoutNanos;
                    if (!done && !timedOut) {
                        runLaterAfterPulses(1, this);
                        return;
                    }
                    probe.stop();
                    emit("timedOut", timedOut);
                    emit("tab0.bytes", inView.get());
                    emit("tab0.seconds", (now - start) / 1e9);
                    emit("streamReceivedBytes", call.stats().bytes());
                    emit("outOfMemory", outOfMemory.get());
                    finish(inView.get(), now - start, "");
                }
            };
            runLaterAfterPulses(1, check);
        });
    }

    // ------------------------------------------------------------------ common

    private void finish(long bytes, long nanos, String extra) {
        emit("bytes", bytes);
        emit("seconds", nanos / 1e9);
        emit("mbPerSecond", bytes / 1e6 / (nanos / 1e9));
        Samples g = probe.gapsMillis();
        emit("pulses", g.count());
        emit("gapP50", g.median());
        emit("gapP99", g.percentile(99));
        emit("gapMax", g.max());
        emit("peakUsedMiB", probe.peakUsedBytes() / (double) (1 << 20));
        emit("peakLiveAfterGcMiB", probe.peakLiveAfterGcBytes() / (double) (1 << 20));
        emit("fxCpuPercent", 100 * probe.fxCpuShare());
        emit("processCores", probe.processCores());
        emit("renderCpuPercent", 100 * probe.renderCpuShare());
        emit("cpuSecondsPerGiB", bytes > 0 ? probe.processCpuSeconds() / (bytes / (double) (1L << 30)) : 0);
        emit("threadCpu", probe.threadCpu(12));
        emit("longGaps", probe.longGaps(LONG_PULSE_MILLIS, 8));
        emit("longGcPauses", probe.longGcPauses());
        probe.stallStacks().forEach(stack -> System.out.println(STALL_PREFIX + stack));
        if (!extra.isEmpty()) {
            emit("extra", extra);
        }
        System.out.flush();
        // Measuring is over: close tabs, channel and server here on the FX thread (tabs are FX state).
        cleanup.forEach(r -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        });
        emit("done", true);
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }

    private void fail(String why) {
        emit("error", why);
        System.out.flush();
        Platform.exit();
        System.exit(3);
    }

    /** Runs {@code r} on the FX thread after {@code n} more pulses (approximately: one runLater per pulse). */
    private static void runLaterAfterPulses(int n, Runnable r) {
        new javafx.animation.AnimationTimer() {
            int left = n;

            @Override
            public void handle(long now) {
                if (--left <= 0) {
                    stop();
                    r.run();
                }
            }
        }.start();
    }

    static synchronized void emit(String key, Object value) {
        System.out.println("BENCH " + key + "=" + value);
    }
}
