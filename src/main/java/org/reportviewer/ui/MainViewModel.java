package org.reportviewer.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.reportviewer.client.CatalogEntry;
import org.reportviewer.client.Connection;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.client.LocalServer;
import org.reportviewer.client.Pacer;
import org.reportviewer.client.Target;

/**
 * The window's state, as components: the connection bar ({@link ConnectionViewModel}), the catalog
 * ({@link CatalogModel}), the report bar's id and deadline, the tabs, and the window's message.
 * Properties only, no controls; used on the UI thread.
 */
public final class MainViewModel {

    private final UiExecutor ui;
    private final Executor io;
    private final LocalServer embedded;
    private final DocumentFactory documents;
    private final ConnectionViewModel connection;
    private final CatalogModel catalog;

    private final StringProperty reportIdText = new SimpleStringProperty("demo");
    private final StringProperty deadlineText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<ReportTabViewModel> tabs = FXCollections.observableArrayList(
            t -> new Observable[] {t.stateProperty()});
    private final ObservableList<ReportTabViewModel> readOnlyTabs = FXCollections.unmodifiableObservableList(tabs);
    private final ObjectProperty<ReportTabViewModel> selectedTab = new SimpleObjectProperty<>();
    /** The picked report's parameter form, or {@code null} when it has no parameters. */
    private final ObjectProperty<ParameterFormModel> parameterForm = new SimpleObjectProperty<>();
    private final StringBinding connectionState;
    private final StringBinding connectionSummary;
    private Pacer pacer = Pacer.NONE;

    /** @param embedded the app's own server, or {@code null} (then {@link LocalServer#NONE}) */
    public MainViewModel(UiExecutor ui, Executor io, ConnectionManager connections, LocalServer embedded,
            DocumentFactory documents) {
        this.ui = ui;
        this.io = io;
        this.embedded = embedded == null ? LocalServer.NONE : embedded;
        this.documents = documents;
        this.connection = new ConnectionViewModel(ui, connections, this.embedded, message::set);
        this.catalog = new CatalogModel(ui);
        this.connectionState = Bindings.createStringBinding(
                () -> ConnectionViewModel.describe(connection.linkProperty().get()), connection.linkProperty());
        // The element extractor above makes a tab's state change a change of the list.
        this.connectionSummary = Bindings.createStringBinding(this::summary, connection.connectionProperty(),
                connectionState, tabs);
        InvalidationListener picked = o -> {
            ParameterFormModel form = ParameterFormModel.forPick(reportIdText.get(), catalog.entries());
            ParameterFormModel now = parameterForm.get();
            if (form == null || now == null || !form.entry().equals(now.entry())) { // same pick keeps its values
                parameterForm.set(form);
            }
        };
        reportIdText.addListener(picked);
        catalog.entries().addListener(picked);
    }

    /**
     * Connects to the embedded server or to the typed {@code host:port}; tabs still streaming from
     * the previous target carry on. Fetches the catalog.
     *
     * @return false (message says why) when the target is not usable
     */
    public boolean connect() {
        if (!connection.connect()) {
            return false;
        }
        refreshCatalog();
        return true;
    }

    /**
     * The one-click way out when the chosen server cannot be reached: switch to the embedded server
     * (remembered for the next run, like the Embedded button) and load its catalog.
     */
    public boolean useEmbeddedServer() {
        connection.useEmbeddedProperty().set(true);
        return connect();
    }

    /** Asks the server for its reports; servers without ListReports leave the free-text id. */
    private void refreshCatalog() {
        Connection c = connection.connectionProperty().get();
        if (c != null) {
            catalog.refresh(c);
        }
    }

    /** The picker is being opened: fetch the catalog again if the last try did not get one. */
    public void catalogWanted() {
        catalog.wanted();
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

    /** Closes the selected tab, if any. */
    public void closeSelected() {
        ReportTabViewModel t = selectedTab.get();
        if (t != null) {
            closeTab(t);
        }
    }

    /** Starts the toolbar's report in the selected tab (a new tab when there is none or it is busy). */
    public boolean startSelected() {
        Duration deadline;
        try {
            deadline = Deadlines.parse(deadlineText.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        String id = reportIdText.get();
        try {
            id = parameterForm.get() == null ? id : parameterForm.get().reportId();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        if (connection.connectionProperty().get() == null && !connect()) {
            return false;
        }
        ReportTabViewModel tab = selectedTab.get();
        if (tab == null || tab.getState().busy()) {
            tab = newTab();
        }
        boolean started = tab.start(connection.connectionProperty().get(), id, deadline);
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
        boolean resumed = tab.resume(connection.reopen(tab.connection()));
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
     * Opens a local file as a report: the embedded server takes it into its reports folder, and it
     * streams from there in a new tab, whatever the current target.
     */
    public void openFile(Path file) {
        if (!embedded.available()) {
            message.set("Opening files needs the embedded server.");
            return;
        }
        message.set("Opening " + file.getFileName() + "…");
        io.execute(() -> {
            try {
                Target target = embedded.target(); // starts it and creates the reports folder if needed
                String id = embedded.importFile(file);
                ui.execute(() -> {
                    ReportTabViewModel tab = newTab();
                    boolean ok = tab.start(connection.embeddedConnection(target), id, null);
                    message.set(ok ? "Opened " + file + " as report '" + id + "'" : tab.messageProperty().get());
                    Connection current = connection.connectionProperty().get();
                    if (current != null && current.embedded()) {
                        refreshCatalog();
                    }
                });
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> message.set("Cannot open " + file + ": " + e.getMessage()));
            }
        });
    }

    private String summary() {
        Connection c = connection.connectionProperty().get();
        if (c == null) {
            return "Not connected";
        }
        long streaming = tabs.stream().filter(t -> t.getState().busy()).count();
        int open = connection.connections().openCount();
        return open + " connection" + (open == 1 ? "" : "s") + " to " + c.label() + " · " + connectionState.get()
                + " · " + streaming + " stream" + (streaming == 1 ? "" : "s") + " active";
    }

    // --- components and properties ---

    /** The connection bar's model: target, TLS, CA file, token, the connection and its link. */
    public ConnectionViewModel connectionBar() {
        return connection;
    }

    public StringProperty targetTextProperty() {
        return connection.targetTextProperty();
    }

    public BooleanProperty useEmbeddedProperty() {
        return connection.useEmbeddedProperty();
    }

    public BooleanProperty tlsProperty() {
        return connection.tlsProperty();
    }

    public StringProperty caFileTextProperty() {
        return connection.caFileTextProperty();
    }

    public StringProperty tokenProperty() {
        return connection.tokenProperty();
    }

    public StringProperty reportIdTextProperty() {
        return reportIdText;
    }

    /** The picked report's parameter form; {@code null} when the picked report has none. */
    public ReadOnlyObjectProperty<ParameterFormModel> parameterFormProperty() {
        return parameterForm;
    }

    public StringProperty deadlineTextProperty() {
        return deadlineText;
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.connectionProperty();
    }

    public StringBinding connectionSummaryProperty() {
        return connectionSummary;
    }

    public ObservableList<CatalogEntry> catalog() {
        return catalog.entries();
    }

    public BooleanBinding catalogSupportedProperty() {
        return catalog.supportedProperty();
    }

    public StringBinding catalogStatusProperty() {
        return catalog.statusTextProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** The tabs, read-only: {@link #newTab()} and {@link #closeTab} change them. */
    public ObservableList<ReportTabViewModel> tabs() {
        return readOnlyTabs;
    }

    /** The tab shown; the view sets it when the user picks a tab. */
    public ObjectProperty<ReportTabViewModel> selectedTabProperty() {
        return selectedTab;
    }
}
