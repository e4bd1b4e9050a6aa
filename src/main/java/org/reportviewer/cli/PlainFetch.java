package org.reportviewer.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code fetch} without picocli, for the plain command lines scripts write
 * ({@code fetch --target H:P --report ID [--out FILE] [--quiet] ...}). Picocli builds a command's
 * model from its annotations by reflection, and its classes (Java 5 bytecode) are never in a
 * class-data archive: 0.12–0.19 CPU-s of a one-chunk fetch process, more than the call itself
 * (BENCHMARKS.md, "Cold start"). This path takes a line only when picocli would read it the same
 * way without complaint — each option known, given once, its value plain and convertible, the
 * options valid together — and otherwise declines, so that help, versions, typos, @files and every
 * usage error still go through picocli, worded and exited exactly as before.
 */
final class PlainFetch {

    /** Picocli's name for the command, as its execution-error handler prints it. */
    static final String QUALIFIED_NAME = "report-viewer fetch";

    private PlainFetch() {}

    /** Runs {@code args} as a fetch and returns its exit code, or null when picocli must read them. */
    static Integer run(Io io, String... args) {
        FetchCommand command = parse(io, args);
        if (command == null) {
            return null;
        }
        PrintWriter err = new PrintWriter(io.err(), true);
        try {
            return command.run(command.connectionSpec(), err);
        } catch (RuntimeException e) {
            // As Cli's execution-exception handler words a failure that escapes picocli's call().
            err.println(Cli.oneLine(QUALIFIED_NAME + ": " + Cli.describe(e)));
            return Cli.EXIT_FAILED;
        } finally {
            err.flush();
        }
    }

    /** The command with its options set, or null to leave the line to picocli. */
    static FetchCommand parse(Io io, String... args) {
        if (args.length == 0 || !args[0].equals("fetch")) {
            return null;
        }
        FetchCommand command = new FetchCommand(io);
        command.setDefaults();
        Set<String> given = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int separator = name.indexOf('=');
            if (separator > 0) {
                value = name.substring(separator + 1);
                name = name.substring(0, separator);
            }
            if (!given.add(name)) {
                return null; // picocli refuses an option given twice
            }
            if (FetchCommand.FLAGS.contains(name)) {
                if (value != null) {
                    return null;
                }
            } else if (FetchCommand.VALUED.contains(name)) {
                if (value == null && i + 1 < args.length) {
                    value = args[++i];
                }
                if (!plain(value)) {
                    return null;
                }
            } else {
                return null; // help, version, a typo, an @file, a positional argument
            }
            if (!command.set(name, value)) {
                return null;
            }
        }
        return command.usageProblem() == null ? command : null;
    }

    /** A value picocli reads as it stands: not empty, not option-like, not quoted. */
    private static boolean plain(String value) {
        return value != null && !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@")
                && value.indexOf('"') < 0 && value.indexOf('\'') < 0;
    }

    /**
     * A plain decimal int ("0", "42"), the only form whose value no picocli integer conversion could
     * read differently (a leading zero or sign, or hex, might be).
     *
     * @throws IllegalArgumentException otherwise
     */
    static int decimal(String value) {
        if (!value.matches("0|[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("not a plain decimal: " + value);
        }
        return Integer.parseInt(value);
    }
}
