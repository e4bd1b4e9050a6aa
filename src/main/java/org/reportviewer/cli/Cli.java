package org.reportviewer.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.reportviewer.client.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line: {@code serve} runs a server, {@code fetch} streams a report to a file or stdout.
 * Errors are one line on stderr with a non-zero exit: {@value #EXIT_FAILED} when the work failed,
 * {@value #EXIT_USAGE} for bad flags.
 */
@Command(name = "report-viewer", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Streams large reports over gRPC (ReportService/GenerateReport), chunk by chunk.",
                "Without arguments the desktop app starts."},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'report-viewer COMMAND --help' for a command's options."})
public final class Cli implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Spec
    private CommandSpec spec;

    /** Runs the command line on the process's standard streams; returns the exit code. */
    public static int execute(String... args) {
        return execute(Io.system(), args);
    }

    static int execute(Io io, String... args) {
        Integer plain = PlainFetch.run(io, args);
        if (plain != null) {
            return plain;
        }
        CommandLine cl = new CommandLine(new Cli());
        // Picocli builds a command's model from its annotations by reflection when it is added, and
        // its own classes (Java 5 bytecode) cannot come from the class-data archive: building
        // `serve` (and starting its logging) was a large share of a one-chunk `fetch` process. So a
        // run that names a command builds only that one; anything else (help, a typo) gets both.
        String named = args.length > 0 ? args[0] : "";
        if (!named.equals("fetch")) {
            cl.addSubcommand("serve", new ServeCommand(io));
        }
        if (!named.equals("serve")) {
            cl.addSubcommand("fetch", new FetchCommand(io));
        }
        // Converters apply to the subcommands added so far, so register them after adding.
        cl.registerConverter(Duration.class, converter(Durations::parse));
        cl.registerConverter(Target.class, converter(Target::parse));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(io.err(), true);
        cl.setOut(out).setErr(err);
        cl.setParameterExceptionHandler((ex, badArgs) -> {
            CommandLine where = ex.getCommandLine();
            err.println(oneLine(where.getCommandSpec().qualifiedName() + ": " + ex.getMessage())
                    + " (see '" + where.getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, where, parsed) -> {
            err.println(oneLine(where.getCommandSpec().qualifiedName() + ": " + describe(ex)));
            return EXIT_FAILED;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("report-viewer: name a command (serve, fetch) or use --help");
        return EXIT_USAGE;
    }

    /** A picocli converter from a parser whose IllegalArgumentException says what is wrong. */
    static <T> ITypeConverter<T> converter(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }

    /** Messages end up on one line however many lines the server or the OS put in them. */
    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /**
     * Why {@code file} could not be written or read, in words: Java's file exceptions often carry
     * only the path ({@code NoSuchFileException: /x/y.part}).
     */
    static String describeFileProblem(Path file, IOException e) {
        Path folder = file.toAbsolutePath().getParent();
        if (e instanceof NoSuchFileException && folder != null && !Files.isDirectory(folder)) {
            return "the folder " + folder + " does not exist; create it or choose another path";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied" + (((AccessDeniedException) e).getFile() == null ? ""
                    : " on " + ((AccessDeniedException) e).getFile()) + "; choose a folder you can write to";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + (fse.getFile() == null ? "" : " (" + fse.getFile() + ")");
        }
        return describe(e);
    }
}
