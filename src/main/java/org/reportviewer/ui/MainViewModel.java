package org.reportviewer.ui;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.reportviewer.app.ConnectionManager;
import org.reportviewer.app.EmbeddedServer;
import org.reportviewer.client.ConnectionSpec;
import org.reportviewer.client.Pacer;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;
import org.reportviewer.proto.ReportInfo;

/**
 * The window's state: which server, its catalog, the report and deadline typed in the toolbar, and
 * the tabs. Properties only, no controls; used on the UI thread.
 */
public final class MainViewModel {

    /** Generous: a cold JVM and a big reports folder can take seconds; the picker retries when opened. */
    static final Duration CATALOG_DEADLINE = Duration.ofSeconds(15);

    private final UiExecutor ui;
    private final Executor io;
    private final ConnectionManager connections;
    private final EmbeddedServer embedded;
    private final DocumentFactory documents;

    private final StringProperty targetText = new SimpleStringProperty("localhost:50051");
    private final BooleanProperty useEmbedded = new SimpleBooleanProperty(true);
    private final BooleanProperty tls = new SimpleBooleanProperty(false);
    private final StringProperty caFileText = new SimpleStringProperty("");
    /** Only in memory: a bearer token is a secret and is never written to the preferences. */
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty reportIdText = new SimpleStringProperty("demo");
    private final StringProperty deadlineText = new SimpleStringProperty("");
    private final ObjectProperty<Connection> connection = new SimpleObjectProperty<>();
    private final StringProperty connectionState = new SimpleStringProperty("not connected");
    private final StringProperty connectionSummary = new SimpleStringProperty("Not connected");
    private final ObservableList<ReportInfo> catalog = FXCollections.observableArrayList();
    private final BooleanProperty catalogSupported = new SimpleBooleanProperty(false);
    private final StringProperty catalogStatus = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<ReportTabViewModel> tabs = FXCollections.observableArrayList();
    private final ObjectProperty<ReportTabViewModel> selectedTab = new SimpleObjectProperty<>();
    private Pacer pacer = Pacer.NONE;

    public MainViewModel(UiExecutor ui, Executor io, ConnectionManager connections, EmbeddedServer embedded,
            DocumentFactory documents) {
        this.ui = ui;
        this.io = io;
        this.connections = connections;
        this.embedded = embedded;
        this.documents = documents;
        tabs.addListener((ListChangeListener<ReportTabViewModel>) c -> updateSummary());
    }

    /**
     * Connects to the embedded server or to the typed {@code host:port}; tabs still streaming from
     * the previous target carry on. Fetches the catalog.
     *
     * @return false (message says why) when the target is not usable
     */
    public boolean connect() {
        ConnectionSpec spec;
        boolean isEmbedded = useEmbedded.get();
        try {
            spec = isEmbedded ? ConnectionSpec.plaintext(embeddedTarget()) : remoteSpec();
        } catch (IllegalArgumentException | IOException e) {
            message.set(isEmbedded ? "The embedded server could not start: " + e.getMessage() : e.getMessage());
            return false;
        }
        Connection c = connections.connect(spec, isEmbedded);
        connections.retainOnly(spec);
        connection.set(c);
        message.set("");
        watch(c, c.channel().getState(true)); // true: connect now, so a dead target shows at once
        refreshCatalog();
        return true;
    }

    /** The typed target with the connection settings (TLS, CA file, token). */
    private ConnectionSpec remoteSpec() {
        Target target = Target.parse(targetText.get());
        String ca = caFileText.get() == null ? "" : caFileText.get().strip();
        String t = token.get() == null ? "" : token.get().strip();
        if (!ca.isEmpty() && !tls.get()) {
            throw new IllegalArgumentException("A CA file is only used with TLS: tick TLS under Connection…, "
                    + "or clear the CA file.");
        }
        try {
            return new ConnectionSpec(target, tls.get(), ca.isEmpty() ? null : Path.of(ca), t.isEmpty() ? null : t);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("CA file: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Connection settings: " + e.getMessage(), e);
        }
    }

    private Target embeddedTarget() throws IOException {
        if (embedded == null) {
            throw new IOException("this window has no embedded server");
        }
        return embedded.target();
    }

    /** Follows the channel's connectivity (READY, TRANSIENT_FAILURE, ...) into the status bar. */
    private void watch(Connection c, ConnectivityState seen) {
        ui.execute(() -> {
            if (connection.get() == c) {
                connectionState.set(describe(seen));
                updateSummary();
            }
        });
        if (seen != ConnectivityState.SHUTDOWN) {
            ManagedChannel ch = c.channel();
            ch.notifyWhenStateChanged(seen, () -> watch(c, ch.getState(false)));
        }
    }

    private static String describe(ConnectivityState s) {
        return switch (s) {
            case IDLE -> "idle";
            case CONNECTING -> "connecting…";
            case READY -> "connected";
            case TRANSIENT_FAILURE -> "not reachable, retrying";
            case SHUTDOWN -> "closed";
        };
    }

    /** Asks the server for its reports; servers without ListReports leave the free-text id. */
    public void refreshCatalog() {
        Connection c = connection.get();
        if (c == null) {
            return;
        }
        catalogStatus.set("Loading the catalog…");
        c.client().listReports(CATALOG_DEADLINE).whenComplete((cat, error) -> ui.execute(() -> {
            if (connection.get() != c) {
                return; // the user switched target meanwhile
            }
            if (error != null) {
                catalog.clear();
                catalogSupported.set(false);
                Status.Code code = Status.fromThrowable(error).getCode();
                catalogStatus.set(code == Status.Code.UNAUTHENTICATED
                        ? "No catalog: " + StatusTexts.WANTS_TOKEN
                        : "No catalog (" + code + "): type a report id, or open the list to retry");
            } else {
                applyCatalog(cat);
            }
        }));
    }

    /** The picker is being opened: fetch the catalog again if the last try did not get one. */
    public void catalogWanted() {
        if (connection.get() != null && catalog.isEmpty() && !catalogStatus.get().startsWith("Loading")
                && !catalogStatus.get().startsWith("No catalog: this server has no ListReports")) {
            refreshCatalog();
        }
    }

    private void applyCatalog(ReportClient.Catalog cat) {
        catalogSupported.set(cat.supported());
        catalog.setAll(cat.reports());
        catalogStatus.set(cat.supported() ? cat.reports().size() + " reports"
                : "No catalog: this server has no ListReports; type a report id");
    }

    /**
     * How every tab's streams ask for more chunks from now on: the window installs a
     * {@link FramePacer} so that streams never take the CPU its frames need. Streams already
     * running keep the pacer they started with.
     */
    public void setPacer(Pacer p) {
        pacer = Objects.requireNonNull(p, "pacer");
        tabs.forEach(t -> t.setPacer(p));
    }

    /** A new empty tab, selected. */
    public ReportTabViewModel newTab() {
        ReportTabViewModel tab = new ReportTabViewModel(ui, io, documents);
        tab.setPacer(pacer);
        tab.stateProperty().addListener((o, a, b) -> updateSummary());
        tabs.add(tab);
        selectedTab.set(tab);
        return tab;
    }

    /** Cancels the tab's stream, deletes its spool and removes it. */
    public void closeTab(ReportTabViewModel tab) {
        tab.dispose();
        int i = tabs.indexOf(tab);
        tabs.remove(tab);
        if (selectedTab.get() == tab) {
            selectedTab.set(tabs.isEmpty() ? null : tabs.get(Math.max(0, i - 1)));
        }
    }

    /** Starts the toolbar's report in the selected tab (a new tab when there is none or it is busy). */
    public boolean startSelected() {
        return start(reportIdText.get());
    }

    private boolean start(String reportId) {
        Duration deadline;
        try {
            deadline = Deadlines.parse(deadlineText.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        if (connection.get() == null && !connect()) {
            return false;
        }
        ReportTabViewModel tab = selectedTab.get();
        if (tab == null || tab.getState().busy()) {
            tab = newTab();
        }
        boolean started = tab.start(connection.get(), reportId, deadline);
        message.set(started ? "" : tab.messageProperty().get());
        return started;
    }

    /**
     * Continues the selected tab's report from its first missing chunk, from the server it came from
     * (a new channel to it if the old one was let go of).
     */
    public boolean resumeSelected() {
        ReportTabViewModel tab = selectedTab.get();
        if (tab == null || tab.connection() == null) {
            message.set("Nothing to resume in this tab.");
            return false;
        }
        Connection was = tab.connection();
        Connection c = was.channel().isShutdown() ? connections.connect(was.spec(), was.embedded()) : was;
        boolean resumed = tab.resume(c);
        message.set(resumed ? "" : tab.messageProperty().get());
        return resumed;
    }

    public void cancelSelected() {
        ReportTabViewModel tab = selectedTab.get();
        if (tab != null) {
            tab.cancel();
        }
    }

    /** Cancels every stream and deletes every spool (window closing). */
    public void closeAll() {
        List.copyOf(tabs).forEach(this::closeTab);
    }

    /**
     * Opens a local file as a report: it is linked (or copied) into the embedded server's reports
     * folder and streamed from the embedded server in a new tab, whatever the current target.
     */
    public void openFile(Path file) {
        if (embedded == null) {
            message.set("Opening files needs the embedded server.");
            return;
        }
        message.set("Opening " + file.getFileName() + "…");
        io.execute(() -> {
            try {
                Target target = embedded.target(); // starts it and creates the reports folder if needed
                String id = ReportFiles.importInto(embedded.reportsDir(), file);
                ui.execute(() -> {
                    Connection c = connections.connect(target, true);
                    ReportTabViewModel tab = newTab();
                    boolean ok = tab.start(c, id, null);
                    message.set(ok ? "Opened " + file + " as report '" + id + "'" : tab.messageProperty().get());
                    if (connection.get() != null && connection.get().embedded()) {
                        refreshCatalog();
                    }
                });
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> message.set("Cannot open " + file + ": " + e.getMessage()));
            }
        });
    }

    private void updateSummary() {
        Connection c = connection.get();
        if (c == null) {
            connectionSummary.set("Not connected");
            return;
        }
        long streaming = tabs.stream().filter(t -> t.getState().busy()).count();
        int open = connections.openCount();
        connectionSummary.set(open + " connection" + (open == 1 ? "" : "s") + " to " + c.label() + " · "
                + connectionState.get() + " · " + streaming + " stream" + (streaming == 1 ? "" : "s") + " active");
    }

    // --- properties ---

    public StringProperty targetTextProperty() {
        return targetText;
    }

    public BooleanProperty useEmbeddedProperty() {
        return useEmbedded;
    }

    /** Connect to remote targets over TLS. */
    public BooleanProperty tlsProperty() {
        return tls;
    }

    /** PEM file of the CA to trust over TLS; empty for the system trust store. */
    public StringProperty caFileTextProperty() {
        return caFileText;
    }

    /** Bearer token for remote targets; empty for none. Kept in memory only. */
    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty reportIdTextProperty() {
        return reportIdText;
    }

    public StringProperty deadlineTextProperty() {
        return deadlineText;
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection;
    }

    public ReadOnlyStringProperty connectionStateProperty() {
        return connectionState;
    }

    public ReadOnlyStringProperty connectionSummaryProperty() {
        return connectionSummary;
    }

    public ObservableList<ReportInfo> catalog() {
        return catalog;
    }

    public ReadOnlyBooleanProperty catalogSupportedProperty() {
        return catalogSupported;
    }

    public ReadOnlyStringProperty catalogStatusProperty() {
        return catalogStatus;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ObservableList<ReportTabViewModel> tabs() {
        return tabs;
    }

    public ObjectProperty<ReportTabViewModel> selectedTabProperty() {
        return selectedTab;
    }

    public ConnectionManager connections() {
        return connections;
    }
}
