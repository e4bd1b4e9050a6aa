package org.reportviewer.app;

/** Placeholder: the JavaFX application replaces this. */
public final class ReportViewerApp {

    private ReportViewerApp() {}

    public static void launchApp(String[] args) {
        System.err.println("the desktop app is not built yet; usage: report-viewer [serve|fetch] ...");
    }
}
