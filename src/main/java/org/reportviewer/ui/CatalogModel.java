package org.reportviewer.ui;

import io.grpc.Status;
import java.time.Duration;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.reportviewer.client.CatalogEntry;
import org.reportviewer.client.Connection;
import org.reportviewer.client.ReportClient;

/**
 * The catalog of the connected server: its reports, and where fetching them stands as a typed
 * {@link State} (the status text is made from it, never read back). UI thread only.
 */
public final class CatalogModel {

    /** Generous: a cold JVM and a big reports folder can take seconds; the picker retries when opened. */
    static final Duration DEADLINE = Duration.ofSeconds(15);

    /** Where fetching the catalog stands. */
    public enum State {
        /** Not connected yet. */
        NONE,
        LOADING,
        LOADED,
        /** The server has no ListReports: report ids are typed. */
        UNSUPPORTED,
        /** The server wants a token. */
        NEEDS_TOKEN,
        /** Any other failure; opening the picker tries again. */
        FAILED
    }

    private final UiExecutor ui;
    private final ObservableList<CatalogEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<CatalogEntry> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.NONE);
    private final ObjectProperty<Status.Code> failure = new SimpleObjectProperty<>();
    private final BooleanBinding supported = Bindings.createBooleanBinding(() -> state.get() == State.LOADED, state);
    private final StringBinding statusText;
    private Connection source;

    CatalogModel(UiExecutor ui) {
        this.ui = ui;
        this.statusText = Bindings.createStringBinding(() -> switch (state.get()) {
            case NONE -> "";
            case LOADING -> "Loading the catalog…";
            case LOADED -> entries.size() + " reports";
            case UNSUPPORTED -> "No catalog: this server has no ListReports; type a report id";
            case NEEDS_TOKEN -> "No catalog: " + StatusTexts.WANTS_TOKEN;
            case FAILED -> "No catalog (" + failure.get() + "): type a report id, or open the list to retry";
        }, state, entries, failure);
    }

    /** Asks {@code c} for its reports; servers without ListReports leave the free-text id. */
    void refresh(Connection c) {
        source = c;
        state.set(State.LOADING);
        c.client().listReports(DEADLINE).whenComplete((cat, error) -> ui.execute(() -> {
            if (source != c) {
                return; // the user switched target meanwhile
            }
            if (error != null) {
                entries.clear();
                Status.Code code = Status.fromThrowable(error).getCode();
                failure.set(code);
                state.set(code == Status.Code.UNAUTHENTICATED ? State.NEEDS_TOKEN : State.FAILED);
            } else {
                apply(cat);
            }
        }));
    }

    private void apply(ReportClient.Catalog cat) {
        entries.setAll(cat.reports());
        state.set(cat.supported() ? State.LOADED : State.UNSUPPORTED);
    }

    /** The picker is being opened: fetch again unless loading, or the server has no catalog at all. */
    void wanted() {
        if (source != null && entries.isEmpty() && state.get() != State.LOADING && state.get() != State.UNSUPPORTED) {
            refresh(source);
        }
    }

    public ObservableList<CatalogEntry> entries() {
        return readOnlyEntries;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    public BooleanBinding supportedProperty() {
        return supported;
    }

    public StringBinding statusTextProperty() {
        return statusText;
    }
}
