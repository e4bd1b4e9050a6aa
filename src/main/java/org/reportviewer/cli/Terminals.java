package org.reportviewer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the standard streams are terminals: decides the progress bar and per-chunk flushing. */
final class Terminals {

    static final int STDOUT = 1;
    static final int STDERR = 2;

    private Terminals() {}

    /**
     * Java has no isatty; on Linux the descriptor's link names the device. Elsewhere fall back to
     * {@link System#console()}, which needs stdin and stdout to be terminals (a safe "no").
     */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
