package org.reportviewer.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The standard streams of one CLI run. Report data goes to {@code out} as raw bytes (not through
 * {@link System#out}'s character layer); messages and logs go to {@code err}. Tests pass their own.
 */
record Io(OutputStream out, PrintStream err, boolean outIsTerminal, boolean errIsTerminal) {

    static Io system() {
        return new Io(new FileOutputStream(FileDescriptor.out), System.err, Terminals.isTerminal(Terminals.STDOUT),
                Terminals.isTerminal(Terminals.STDERR));
    }
}
