package org.reportviewer.ui;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.reportviewer.client.Connection;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.client.ConnectionSpec;
import org.reportviewer.client.LocalServer;
import org.reportviewer.client.Target;

/**
 * The connection bar's state: which server (embedded, or a typed address with TLS, CA file and
 * token), the connection made from it and how its link is doing. UI thread only.
 */
public final class ConnectionViewModel {

    private final UiExecutor ui;
    private final ConnectionManager connections;
    private final LocalServer embedded;
    private final Consumer<String> messages;

    private final StringProperty targetText = new SimpleStringProperty("localhost:50051");
    private final BooleanProperty useEmbedded = new SimpleBooleanProperty(true);
    private final BooleanProperty tls = new SimpleBooleanProperty(false);
    private final StringProperty caFileText = new SimpleStringProperty("");
    /** Only in memory: a bearer token is a secret and is never written to the preferences. */
    private final StringProperty token = new SimpleStringProperty("");
    private final ObjectProperty<Connection> connection = new SimpleObjectProperty<>();
    private final ObjectProperty<Connection.LinkState> link = new SimpleObjectProperty<>();
    /**
     * The current connection failed to connect and has not been ready since. Sticky, unlike the
     * link state: gRPC's reconnect attempts pass through CONNECTING, and the offer must not flicker.
     */
    private final BooleanProperty unreachable = new SimpleBooleanProperty(false);
    /** Whether the current connection is the window's first: the server remembered from the last run. */
    private final BooleanProperty remembered = new SimpleBooleanProperty(false);
    private final BooleanBinding embeddedOffered;
    private final StringBinding unreachableText;
    private boolean connectedBefore;

    ConnectionViewModel(UiExecutor ui, ConnectionManager connections, LocalServer embedded, Consumer<String> messages) {
        this.ui = ui;
        this.connections = connections;
        this.embedded = embedded;
        this.messages = messages;
        this.embeddedOffered = Bindings.createBooleanBinding(() -> unreachable.get() && connection.get() != null
                && !connection.get().embedded() && embedded.available(), unreachable, connection);
        this.unreachableText = Bindings.createStringBinding(() -> embeddedOffered.get()
                ? unreachableText(connection.get().target(), remembered.get()) : "", embeddedOffered, remembered);
    }

    /** What happened and what to do, in the words of the bar that offers the embedded server. */
    static String unreachableText(Target target, boolean remembered) {
        // Short enough for one line beside the button at the window's default width; it ends where the button begins.
        return (remembered ? "The server you used last time, " + target + ", cannot be reached. "
                : "The server at " + target + " cannot be reached. ")
                + "Start it or fix the address and Connect, or";
    }

    /**
     * Connects to the embedded server or to the typed {@code host:port}; tabs still streaming from
     * the previous target carry on over their own channel.
     *
     * @return false (the message says why) when the target is not usable
     */
    boolean connect() {
        ConnectionSpec spec;
        boolean isEmbedded = useEmbedded.get();
        try {
            spec = isEmbedded ? ConnectionSpec.plaintext(embedded.target()) : remoteSpec();
        } catch (IllegalArgumentException | IOException e) {
            messages.accept(isEmbedded ? "The embedded server could not start: " + e.getMessage() : e.getMessage());
            return false;
        }
        Connection c = connections.connect(spec, isEmbedded);
        connections.retainOnly(spec);
        unreachable.set(false);
        remembered.set(!connectedBefore);
        connectedBefore = true;
        connection.set(c);
        messages.accept("");
        // Connect now (true), so a dead target shows at once; states arrive on a gRPC thread.
        c.watch(true, s -> ui.execute(() -> {
            if (connection.get() == c) {
                link.set(s);
                if (s == Connection.LinkState.TRANSIENT_FAILURE) {
                    unreachable.set(true);
                } else if (s == Connection.LinkState.READY) {
                    unreachable.set(false);
                }
            }
        }));
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
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("CA file: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Connection settings: " + e.getMessage(), e);
        }
    }

    /** The connection of a tab, again if its channel was let go of (Resume after a target switch). */
    Connection reopen(Connection was) {
        return was.isShutdown() ? connections.connect(was.spec(), was.embedded()) : was;
    }

    /** The embedded server's connection, for files opened in the window. */
    Connection embeddedConnection(Target target) {
        return connections.connect(target, true);
    }

    /** The link state in words for the status bar. */
    static String describe(Connection.LinkState s) {
        return s == null ? "not connected" : switch (s) {
            case IDLE -> "idle";
            case CONNECTING -> "connecting…";
            case READY -> "connected";
            case TRANSIENT_FAILURE -> "not reachable, retrying";
            case SHUTDOWN -> "closed";
        };
    }

    ConnectionManager connections() {
        return connections;
    }

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

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection;
    }

    /**
     * Offer the embedded server: the chosen (typically remembered) server cannot be reached and the
     * window has an embedded server to fall back on. {@link MainViewModel#useEmbeddedServer()} takes it.
     */
    public BooleanBinding embeddedOfferedProperty() {
        return embeddedOffered;
    }

    /** Why the embedded server is offered, in plain words; empty while it is not. */
    public StringBinding unreachableTextProperty() {
        return unreachableText;
    }

    /** How the current connection's link is doing; {@code null} before the first connect. */
    public ReadOnlyObjectProperty<Connection.LinkState> linkProperty() {
        return link;
    }
}
