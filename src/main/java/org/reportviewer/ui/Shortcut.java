package org.reportviewer.ui;

import javafx.scene.input.KeyCombination;

/**
 * The window's keyboard shortcuts: one declarative table of key combination and label. Key
 * bindings, tooltips and menu items are all made from it (see {@link ShortcutMap}), so they cannot
 * drift apart. Keys are written with {@code Shortcut+} (Ctrl, or Cmd on macOS) and shown with the
 * platform's own {@link KeyCombination#getDisplayText()}.
 *
 * <p>To add a shortcut: add a constant here, then bind its command where the view is assembled
 * ({@code MainView#bindShortcuts}); its tooltip and menu item come with it.
 */
public enum Shortcut {
    START("Shortcut+Enter", "Start streaming the report"),
    CANCEL("Esc", "Cancel the stream; the server is told to stop"),
    RESUME("Shortcut+R", "Continue a lost or cancelled stream from the first missing chunk, appending to the text "
            + "already here"),
    SAVE("Shortcut+S", "Save the report of this tab to a file"),
    FIND("Shortcut+F", "Find in the report"),
    GO_TO("Shortcut+G", "Go to a line, or #N for the start of chunk N"),
    FILTER("Shortcut+Shift+F", "Filter: show only the lines (or rows) that match"),
    VIEW_TEXT("Shortcut+1", "Show the report as text"),
    VIEW_TABLE("Shortcut+2", "Show a CSV/TSV report as a table"),
    FOCUS_TARGET("Shortcut+L", "Go to the server address"),
    NEW_TAB("Shortcut+T", "New tab"),
    CLOSE_TAB("Shortcut+W", "Close this tab"),
    INSPECT("Shortcut+I", "Show or hide the call inspector: request, headers, trailers, status, rate");

    private final KeyCombination keys;
    private final String label;

    Shortcut(String keys, String label) {
        this.keys = KeyCombination.keyCombination(keys);
        this.label = label;
    }

    public KeyCombination keys() {
        return keys;
    }

    /** What the command does, in a few words. */
    public String label() {
        return label;
    }

    /** The keys as this platform writes them, e.g. "Ctrl+T". */
    public String keyText() {
        return keys.getDisplayText();
    }

    /** A tooltip: the label (or {@code text}) and the keys, e.g. "New tab (Ctrl+T)". */
    public String tooltip() {
        return tooltip(label);
    }

    public String tooltip(String text) {
        return text + " (" + keyText() + ")";
    }
}
