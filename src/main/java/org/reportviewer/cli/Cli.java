package org.reportviewer.cli;

/** Placeholder: the picocli command line (serve, fetch) replaces this. */
public final class Cli {

    private Cli() {}

    public static int execute(String... args) {
        System.err.println("usage: report-viewer [serve|fetch] ...");
        return 2;
    }
}
