package org.reportviewer;

import org.reportviewer.app.ReportViewerApp;
import org.reportviewer.cli.Cli;

/**
 * The one entry point of the jar. A plain class, not a JavaFX {@code Application}: the JavaFX
 * launcher refuses to start an Application main class from the class path.
 *
 * <p>No arguments: the desktop app. Otherwise: the command line ({@code serve}, {@code fetch}, ...).
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        Logging.init();
        if (args.length == 0) {
            ReportViewerApp.launchApp(args);
        } else {
            System.exit(Cli.execute(args));
        }
    }
}
