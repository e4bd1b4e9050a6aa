package org.reportviewer.ui.text;

import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.event.EventType;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.reportviewer.document.Chunks;
import org.reportviewer.document.LineSource;
import org.reportviewer.format.Units;

/**
 * Input for the text pane: keys, wheel, click/drag selection and the context menu, turned into calls on
 * the control and its {@link Viewport} and {@link LineSelection}. Installed by the skin, removed with it.
 */
final class ReportTextViewBehavior {

    private final ReportTextView control;
    private final Node canvas;
    private final Viewport viewport;
    private final LineSelection selection;
    private final ContextMenu menu;
    private double wheelLines;

    private final Tooltip chunkTip = new Tooltip();
    /** Undoes each handler {@link #listen} added, so {@link #dispose} cannot miss one. */
    private final List<Runnable> removals = new ArrayList<>();

    ReportTextViewBehavior(ReportTextView control, Node canvas) {
        this.control = control;
        this.canvas = canvas;
        this.viewport = control.viewport();
        this.selection = control.selection();
        this.menu = contextMenu();
        listen(canvas, ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> menu.show(canvas, e.getScreenX(), e.getScreenY()));
        listen(canvas, MouseEvent.MOUSE_PRESSED, e -> menu.hide());
        listen(canvas, MouseEvent.MOUSE_PRESSED, this::onMousePressed);
        listen(canvas, MouseEvent.MOUSE_DRAGGED, this::onMouseDragged);
        listen(canvas, MouseEvent.MOUSE_MOVED, this::onMouseMoved);
        listen(canvas, MouseEvent.MOUSE_EXITED, e -> chunkTip.hide());
        chunkTip.setId("chunk-tooltip");
        listen(control, ScrollEvent.SCROLL, this::onScroll);
        listen(control, KeyEvent.KEY_PRESSED, this::onKeyPressed);
    }

    private <T extends Event> void listen(Node node, EventType<T> type, EventHandler<? super T> handler) {
        node.addEventHandler(type, handler);
        removals.add(() -> node.removeEventHandler(type, handler));
    }

    void dispose() {
        removals.forEach(Runnable::run);
        removals.clear();
        chunkTip.hide();
    }

    private void onMousePressed(MouseEvent e) {
        control.requestFocus();
        if (e.getButton() != MouseButton.PRIMARY || viewport.lineCount() == 0) {
            return;
        }
        long line = viewport.clampLine(viewport.lineAt(e.getY()));
        if (e.isShiftDown() && !selection.isEmpty()) {
            selection.extendTo(line);
        } else {
            selection.select(line, line);
        }
        control.selectLines(selection.anchor(), selection.caret());
        e.consume();
    }

    private void onMouseDragged(MouseEvent e) {
        if (!e.isPrimaryButtonDown() || selection.isEmpty()) {
            return;
        }
        if (e.getY() < 0) {
            viewport.scrollTo(viewport.topLine() - 1, true);
        } else if (e.getY() > viewport.height()) {
            viewport.scrollTo(viewport.topLine() + 1, true);
        }
        double y = Math.max(0, Math.min(e.getY(), viewport.height() - 1));
        control.selectLines(selection.anchor(), viewport.clampLine(viewport.lineAt(y)));
        e.consume();
    }

    private void onScroll(ScrollEvent e) {
        double lineHeight = viewport.metrics().lineHeight();
        if (e.isShiftDown() && e.getDeltaX() == 0) {
            viewport.scrollHorizontally(-e.getDeltaY());
            e.consume();
            return;
        }
        // Prefer the platform's own line/page units (e.g. 3 lines per notch), pixels otherwise.
        double lines = switch (e.getTextDeltaYUnits()) {
            case LINES -> -e.getTextDeltaY();
            case PAGES -> -e.getTextDeltaY() * viewport.page();
            default -> -e.getDeltaY() / lineHeight;
        };
        if (lines != 0) {
            wheelLines += lines;
            long whole = (long) wheelLines;
            if (whole != 0) {
                wheelLines -= whole;
                viewport.scrollTo(viewport.topLine() + whole, true);
            }
        }
        if (e.getDeltaX() != 0) {
            viewport.scrollHorizontally(-e.getDeltaX());
        }
        e.consume();
    }

    /** Over a chunk mark in the gutter: which chunk begins here, its size, and when it arrived. */
    private void onMouseMoved(MouseEvent e) {
        String text = control.showChunkMarksProperty().get() && e.getX() < viewport.gutterWidth()
                ? chunkAt(viewport.lineAt(e.getY())) : null;
        if (text == null) {
            chunkTip.hide();
            return;
        }
        chunkTip.setText(text);
        chunkTip.show(canvas, e.getScreenX() + 12, e.getScreenY() + 12);
    }

    /** A line for the tooltip about the chunk(s) beginning on view line {@code line}, or null. */
    String chunkAt(long line) {
        LineSource source = viewport.source();
        if (source == null || line < 0 || line >= viewport.lineCount()) {
            return null;
        }
        long docLine = source.sourceLine(line);
        Chunks chunks = source.chunks();
        return chunks.firstStartingOn(docLine).map(c -> {
            int more = chunks.countStartingOn(docLine) - 1;
            return "Chunk #" + Units.count(c.number()) + " · " + Units.bytes(c.size())
                    + " (" + Units.count(c.size()) + " bytes) · arrived " + Units.count(c.arrivalMillis())
                    + " ms after the first chunk" + (more > 0 ? " · " + Units.count(more) + " more begin on this line" : "");
        }).orElse(null);
    }

    private void onKeyPressed(KeyEvent e) {
        if (e.getTarget() instanceof Node n && ReportTextView.isOwnInput(n)) {
            return; // typing in the Go to field
        }
        boolean shortcut = e.isShortcutDown();
        KeyCode code = e.getCode();
        if (e.isShiftDown() && !selection.isEmpty() && extendSelection(code)) {
            e.consume();
            return;
        }
        double cw = viewport.metrics().charWidth();
        switch (code) {
            case UP -> viewport.scrollTo(viewport.topLine() - 1, true);
            case DOWN -> viewport.scrollTo(viewport.topLine() + 1, true);
            case PAGE_UP -> viewport.scrollTo(viewport.topLine() - viewport.page(), true);
            case PAGE_DOWN -> viewport.scrollTo(viewport.topLine() + viewport.page(), true);
            case HOME -> viewport.scrollTo(0, true);
            case END -> viewport.scrollTo(Long.MAX_VALUE, true);
            case LEFT -> viewport.scrollHorizontally(-4 * cw);
            case RIGHT -> viewport.scrollHorizontally(4 * cw);
            case A -> {
                if (!shortcut) {
                    return;
                }
                control.selectAll();
            }
            case C -> {
                if (!shortcut) {
                    return;
                }
                control.copySelection();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** Shift+Up/Down/PageUp/PageDown/Home/End move the selection's moving end and keep it in view. */
    private boolean extendSelection(KeyCode code) {
        long caret = selection.caret();
        long next = switch (code) {
            case UP -> caret - 1;
            case DOWN -> caret + 1;
            case PAGE_UP -> caret - viewport.page();
            case PAGE_DOWN -> caret + viewport.page();
            case HOME -> 0;
            case END -> viewport.lineCount() - 1;
            default -> Long.MIN_VALUE;
        };
        if (next == Long.MIN_VALUE) {
            return false;
        }
        long line = viewport.clampLine(next);
        int rows = viewport.fullRows();
        if (line < viewport.topLine()) {
            viewport.scrollTo(line, true);
        } else if (line >= viewport.topLine() + rows) {
            viewport.scrollTo(line - rows + 1, true);
        }
        control.selectLines(selection.anchor(), line);
        return true;
    }

    private ContextMenu contextMenu() {
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> control.copySelection());
        MenuItem all = new MenuItem("Select All");
        all.setOnAction(e -> control.selectAll());
        CheckMenuItem marks = new CheckMenuItem("Show Chunk Boundaries");
        marks.selectedProperty().bindBidirectional(control.showChunkMarksProperty());
        MenuItem goTo = new MenuItem("Go to Line or Chunk…");
        goTo.setOnAction(e -> control.showGoTo());
        ContextMenu m = new ContextMenu(copy, all, new SeparatorMenuItem(), goTo, marks);
        m.setOnShowing(e -> copy.setDisable(selection.isEmpty()));
        return m;
    }
}
