package org.reportviewer.ui;

import java.io.File;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The top bar: embedded server or a typed address, Connect, the theme switch, the folding
 * security bar (TLS, CA file, token), and the bar that offers the embedded server when the chosen
 * one cannot be reached. Layout only; state in {@link ConnectionViewModel}.
 */
final class ConnectionBar extends VBox {

    private final TextField target = new TextField();

    ConnectionBar(MainViewModel vm, BooleanProperty dark) {
        ConnectionViewModel model = vm.connectionBar();
        ToggleButton embedded = new ToggleButton("Embedded");
        embedded.setId("embedded");
        embedded.selectedProperty().bindBidirectional(model.useEmbeddedProperty());
        embedded.setTooltip(new Tooltip("Use the server built into the app (demo, synthetic and files in "
                + "the reports folder)"));
        embedded.setAccessibleText("Use the embedded server");
        embedded.setOnAction(e -> {
            if (embedded.isSelected()) {
                vm.connect();
            }
        });
        target.setId("target");
        target.setPrefColumnCount(16);
        target.setPromptText("host:port");
        target.textProperty().bindBidirectional(model.targetTextProperty());
        target.setTooltip(new Tooltip(Shortcut.FOCUS_TARGET.tooltip("A ReportService server, HOST:PORT")
                + "; Enter connects"));
        target.setAccessibleText("Server address, host colon port");
        Runnable connectRemote = () -> {
            model.useEmbeddedProperty().set(false);
            vm.connect();
        };
        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.setTooltip(new Tooltip("Connect to the address typed on the left"));
        connect.setOnAction(e -> connectRemote.run());
        target.setOnAction(e -> connectRemote.run());
        ToggleButton settings = new ToggleButton("Connection…");
        settings.setId("connection-settings");
        settings.setTooltip(new Tooltip("TLS, CA file and bearer token for remote servers"));
        ToolBar securityBar = securityBar(model, connectRemote);
        securityBar.visibleProperty().bind(settings.selectedProperty());
        securityBar.managedProperty().bind(settings.selectedProperty());
        ToggleButton theme = new ToggleButton("Dark");
        theme.setId("theme");
        theme.selectedProperty().bindBidirectional(dark);
        theme.setTooltip(new Tooltip("Dark theme"));

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label serverLabel = new Label("Server");
        serverLabel.setLabelFor(target);
        ToolBar connectionBar = new ToolBar(serverLabel, embedded, target, connect, settings, spring, theme);
        connectionBar.setId("connection-bar");
        getChildren().addAll(connectionBar, securityBar, unreachableBar(vm, model));
    }

    /** Shown while the chosen server cannot be reached: says so, and offers the embedded server in one click. */
    private static HBox unreachableBar(MainViewModel vm, ConnectionViewModel model) {
        Label text = new Label();
        text.setId("unreachable-message");
        text.textProperty().bind(model.unreachableTextProperty());
        text.setMinWidth(0); // a narrow window shortens the sentence, never hides the button (a ToolBar would)
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(text.textProperty());
        text.setTooltip(whole);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button useEmbedded = new Button("Use the built-in server");
        useEmbedded.setId("use-embedded");
        useEmbedded.setTooltip(new Tooltip("Connect to the server built into the app (demo, synthetic and files in "
                + "the reports folder); remembered for the next start"));
        useEmbedded.setOnAction(e -> vm.useEmbeddedServer());
        useEmbedded.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, text, useEmbedded);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.setId("unreachable-bar");
        bar.getStyleClass().add("unreachable-bar");
        bar.visibleProperty().bind(model.embeddedOfferedProperty());
        bar.managedProperty().bind(model.embeddedOfferedProperty());
        return bar;
    }

    /** TLS, CA file and token for remote targets; Enter in a field connects with them. */
    private ToolBar securityBar(ConnectionViewModel model, Runnable connectRemote) {
        CheckBox tls = new CheckBox("TLS");
        tls.setId("tls");
        tls.selectedProperty().bindBidirectional(model.tlsProperty());
        tls.setTooltip(new Tooltip("Encrypt the connection; the server certificate must match the host typed "
                + "in the address. Remembered."));
        TextField caFile = new TextField();
        caFile.setId("ca-file");
        caFile.setPrefColumnCount(22);
        caFile.setPromptText("system trust store");
        caFile.textProperty().bindBidirectional(model.caFileTextProperty());
        caFile.disableProperty().bind(tls.selectedProperty().not());
        caFile.setTooltip(new Tooltip("PEM file of the CA that signed the server certificate; empty to trust "
                + "the system's CAs. Remembered."));
        caFile.setAccessibleText("CA file");
        caFile.setOnAction(e -> connectRemote.run());
        Button browse = new Button("Browse…");
        browse.setId("ca-browse");
        browse.disableProperty().bind(tls.selectedProperty().not());
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("CA certificate (PEM)");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PEM certificates",
                    "*.pem", "*.crt", "*.cer"), new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                model.caFileTextProperty().set(f.getAbsolutePath());
            }
        });
        PasswordField token = new PasswordField();
        token.setId("token");
        token.setPrefColumnCount(16);
        token.setPromptText("none");
        token.textProperty().bindBidirectional(model.tokenProperty());
        token.setTooltip(new Tooltip("Bearer token sent with every call (needs TLS unless the server is on "
                + "this machine). Not saved: type it again after a restart."));
        token.setAccessibleText("Bearer token");
        token.setOnAction(e -> connectRemote.run());
        Button apply = new Button("Connect");
        apply.setId("connect-secure");
        apply.setTooltip(new Tooltip("Connect to the address above with these settings"));
        apply.setOnAction(e -> connectRemote.run());
        Label caLabel = new Label("CA file");
        caLabel.setLabelFor(caFile);
        Label tokenLabel = new Label("Token");
        tokenLabel.setLabelFor(token);
        ToolBar bar = new ToolBar(tls, caLabel, caFile, browse, tokenLabel, token, apply);
        bar.setId("security-bar");
        return bar;
    }

    /** Puts the caret in the address field, all selected. */
    void focusTarget() {
        target.requestFocus();
        target.selectAll();
    }

    TextField targetField() {
        return target;
    }
}
