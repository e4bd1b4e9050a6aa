package org.reportviewer.ui.inspect;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.reportviewer.client.CallDetails;
import org.reportviewer.client.CallDetails.Header;
import org.reportviewer.client.RateHistory;

/**
 * A tab's call inspector: the request, the response headers and trailers, the final status with
 * its description and error details, time to first chunk, chunks, bytes and a live rate sparkline.
 * Layout only; {@link #show} is called on the FX thread from the tab's coalesced updates (a few
 * times a second at most), and rebuilds the metadata rows only when they changed.
 */
public final class CallInspector extends BorderPane {

    private static final String[] STATUS_CLASSES = {"status-running", "status-ok", "status-error"};

    private final Label target = value("inspector-target");
    private final Label report = value("inspector-report");
    private final Label deadline = value("inspector-deadline");
    private final Label startChunk = value("inspector-start-chunk");
    private final Label status = value("inspector-status");
    private final Label description = value("inspector-description");
    private final VBox errorDetails = new VBox(2);
    private final Label headersTime = value("inspector-headers-time");
    private final Label firstChunk = value("inspector-first-chunk");
    private final Label chunks = value("inspector-chunks");
    private final Label bytes = value("inspector-bytes");
    private final Label elapsed = value("inspector-elapsed");
    private final RateSparkline sparkline = new RateSparkline();
    private final Label rate = value("inspector-rate");
    private final GridPane headers = metadataGrid("inspector-headers");
    private final GridPane trailers = metadataGrid("inspector-trailers");

    private List<Header> shownHeaders;
    private List<Header> shownTrailers;
    private List<String> shownDetails;
    private long shownRates = -1;

    public CallInspector() {
        setId("inspector");
        getStyleClass().add("call-inspector");
        getStylesheets().add(Objects.requireNonNull(CallInspector.class.getResource("inspector.css")).toExternalForm());
        setAccessibleText("Call inspector");
        Label title = new Label("Call");
        title.getStyleClass().add("inspector-title");
        sparkline.setId("inspector-sparkline");
        sparkline.setAccessibleText("Byte rate of the stream");
        sparkline.setMaxWidth(Double.MAX_VALUE);
        errorDetails.setId("inspector-error-details");

        VBox content = new VBox(6,
                section("Request"), grid(row("Target", target), row("Report", report), row("Deadline", deadline),
                        row("Start chunk", startChunk)),
                section("Status"), status, description, errorDetails,
                section("Stream"), grid(row("Headers after", headersTime), row("First chunk after", firstChunk),
                        row("Chunks", chunks), row("Bytes", bytes), row("Elapsed", elapsed)),
                sparkline, rate,
                section("Response headers"), headers,
                section("Trailers"), trailers);
        content.setPadding(new Insets(8, 10, 10, 10));
        content.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setTop(title);
        setCenter(scroll);
        setMinWidth(220);
        setPrefWidth(330);
        show(null, null);
    }

    /**
     * Shows a call (or {@code null}: none yet) and the tab's rate history ({@code null}: none).
     * Cheap when little changed: the figures are a few label texts, the sparkline repaints at most
     * once a frame and only when a sample was added.
     */
    public void show(CallDetails d, RateHistory history) {
        status.setText(InspectorTexts.status(d));
        status.getStyleClass().removeAll(STATUS_CLASSES);
        status.getStyleClass().add(d == null || !d.ended() ? "status-running"
                : d.code() == io.grpc.Status.Code.OK ? "status-ok" : "status-error");
        if (history != null && history.version() != shownRates) {
            shownRates = history.version();
            sparkline.setSamples(history.rates(), history.capacity());
            rate.setText(InspectorTexts.rate(history));
        }
        if (d == null) {
            for (Label l : List.of(target, report, deadline, startChunk, description, headersTime, firstChunk, chunks,
                    bytes, elapsed)) {
                l.setText("");
            }
            setRows(headers, List.of());
            setRows(trailers, List.of());
            shownHeaders = null;
            shownTrailers = null;
            errorDetails.getChildren().clear();
            shownDetails = null;
            return;
        }
        target.setText(d.target());
        report.setText(d.reportId());
        deadline.setText(InspectorTexts.deadline(d.deadline()));
        startChunk.setText(InspectorTexts.startChunk(d));
        description.setText(d.description());
        description.setManaged(!d.description().isEmpty());
        description.setVisible(!d.description().isEmpty());
        headersTime.setText(InspectorTexts.time(d.headersNanos()));
        firstChunk.setText(InspectorTexts.time(d.stats().firstChunkNanos()));
        chunks.setText(InspectorTexts.chunks(d));
        bytes.setText(InspectorTexts.bytes(d));
        elapsed.setText(InspectorTexts.time(d.stats().elapsedNanos()));
        if (!d.headers().equals(shownHeaders)) {
            shownHeaders = d.headers();
            setRows(headers, d.headers());
        }
        if (!d.trailers().equals(shownTrailers)) {
            shownTrailers = d.trailers();
            setRows(trailers, d.trailers());
        }
        if (!d.errorDetails().equals(shownDetails)) {
            shownDetails = d.errorDetails();
            errorDetails.getChildren().setAll(d.errorDetails().stream().map(line -> {
                Label l = new Label(line);
                l.getStyleClass().add("inspector-error-detail");
                l.setWrapText(true);
                return l;
            }).toList());
        }
    }

    public RateSparkline sparkline() {
        return sparkline;
    }

    private static void setRows(GridPane grid, List<Header> entries) {
        grid.getChildren().clear();
        if (entries.isEmpty()) {
            Label none = new Label("none");
            none.getStyleClass().add("metadata-none");
            grid.addRow(0, none);
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            Label name = new Label(entries.get(i).name());
            name.getStyleClass().add("metadata-name");
            Label value = new Label(entries.get(i).value());
            value.getStyleClass().add("metadata-value");
            value.setWrapText(true);
            grid.addRow(i, name, value);
        }
    }

    private static GridPane metadataGrid(String id) {
        GridPane grid = grid();
        grid.setId(id);
        grid.getStyleClass().add("inspector-metadata");
        return grid;
    }

    private static GridPane grid(Label[]... rows) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(3);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(names, values);
        for (int i = 0; i < rows.length; i++) {
            grid.addRow(i, rows[i]);
        }
        return grid;
    }

    private static Label[] row(String name, Label value) {
        Label l = new Label(name);
        l.getStyleClass().add("inspector-key");
        l.setLabelFor(value);
        return new Label[] {l, value};
    }

    private static Label section(String text) {
        Label l = new Label(text.toUpperCase(Locale.ROOT));
        l.getStyleClass().add("inspector-section");
        return l;
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("inspector-value");
        l.setAccessibleRole(AccessibleRole.TEXT);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setWrapText(true); // long report ids and rates wrap rather than end in "…"
        return l;
    }
}
