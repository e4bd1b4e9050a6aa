package org.reportviewer.cli;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.reportviewer.client.ChunkSink;
import org.reportviewer.client.ConnectionSpec;
import org.reportviewer.client.FetchOutcome;
import org.reportviewer.client.FailureText;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.OutputStreamSink;
import org.reportviewer.client.ResumableFetch;
import org.reportviewer.client.ResumableFileSink;
import org.reportviewer.client.ResumeRecord;
import org.reportviewer.client.RetryPolicy;
import org.reportviewer.client.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fetch}: streams one report to a file or stdout and prints one summary line. */
@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Streams one report to FILE (written as FILE.part, renamed when complete) or to stdout.",
                "Prints one summary line, to stdout with --out, else to stderr:",
                "  received=<chunks> bytes=<bytes> status=<CODE> first_ms=<ms> total_ms=<ms> mbps=<MB/s> gaps=<n>",
                "Exit status: 0 OK (or CANCELLED after --cancel-after), 1 the report is not complete, 2 bad usage."})
final class FetchCommand implements Callable<Integer> {

    /** Where both commands take the token from when --token is not given (keeps it out of 'ps'). */
    static final String TOKEN_ENV = "REPORT_VIEWER_TOKEN";

    /** The options below without a value, and with one, for {@link PlainFetch} (a test keeps them in step). */
    static final java.util.Set<String> FLAGS = java.util.Set.of("--resume", "--tls", "--quiet");
    static final java.util.Set<String> VALUED = java.util.Set.of("--target", "--report", "--out", "--deadline",
            "--start-chunk", "--cancel-after", "--retries", "--ca-file", "--token");

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "The server, e.g. localhost:50051.")
    private Target target;

    @Option(names = "--report", required = true, paramLabel = "ID",
            description = "The report id, e.g. demo or 'synthetic?size=10MiB&chunk=64KiB'.")
    private String reportId;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    private Path out;

    @Option(names = "--deadline", paramLabel = "DURATION",
            description = "Give up when the report is not complete after this long, retries included (e.g. 10s). "
                    + "Default: no deadline.")
    private Duration deadline;

    @Option(names = "--start-chunk", paramLabel = "N", defaultValue = "0",
            description = "Start at chunk N instead of 0.")
    private int startChunk;

    @Option(names = "--cancel-after", paramLabel = "N",
            description = "Cancel the stream after N chunks (a test of cancellation; exits 0 with status=CANCELLED).")
    private Integer cancelAfter;

    @Option(names = "--resume",
            description = "Continue FILE.part left by an interrupted fetch with the same --out and --report.")
    private boolean resume;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "0",
            description = "Reconnect up to N times in a row after UNAVAILABLE, INTERNAL, ABORTED or RESOURCE_EXHAUSTED, "
                    + "with exponential backoff and jitter, continuing from the next missing chunk. "
                    + "An attempt that receives data starts a fresh count.")
    private int retries;

    @Option(names = "--tls", description = "Connect with TLS, trusting the system's CAs (or --ca-file).")
    private boolean tls;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "Trust the CA certificate(s) in this PEM file instead of the system's; implies --tls.")
    private Path caFile;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:" + TOKEN_ENV + "}",
            description = "Send 'authorization: Bearer TOKEN' (only over TLS or to loopback). "
                    + "Prefer the environment variable " + TOKEN_ENV + ": it stays out of 'ps'.")
    private String token;

    @Option(names = "--quiet", description = "No progress bar and no notes; errors and the summary line still print.")
    private boolean quiet;

    FetchCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        validate();
        return run(connection(), spec.commandLine().getErr());
    }

    /**
     * Sets one option from its text as picocli would, for {@link PlainFetch}; false when the text
     * does not convert (picocli then parses the whole line and words the error).
     */
    boolean set(String option, String value) {
        try {
            switch (option) {
                case "--target" -> target = Target.parse(value);
                case "--report" -> reportId = value;
                case "--out" -> out = Path.of(value);
                case "--deadline" -> deadline = Durations.parse(value);
                case "--start-chunk" -> startChunk = PlainFetch.decimal(value);
                case "--cancel-after" -> cancelAfter = PlainFetch.decimal(value);
                case "--retries" -> retries = PlainFetch.decimal(value);
                case "--ca-file" -> caFile = Path.of(value);
                case "--token" -> token = value;
                case "--resume" -> resume = true;
                case "--tls" -> tls = true;
                case "--quiet" -> quiet = true;
                default -> {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) { // also a path the file system refuses
            return false;
        }
    }

    /** The options picocli would fill with their defaults ({@code --token} from the environment). */
    void setDefaults() {
        token = System.getenv(TOKEN_ENV);
    }

    /** What {@link #call} would reject as a usage error, or null when the options are fine. */
    String usageProblem() {
        if (target == null || reportId == null) {
            return "missing --target or --report";
        }
        try {
            connectionSpec();
        } catch (RuntimeException e) {
            return "the connection options: " + e.getMessage();
        }
        return optionProblem();
    }

    /** The fetch itself, once its options are checked. */
    Integer run(ConnectionSpec connection, PrintWriter err) {
        ChunkSink sink;
        ResumableFileSink fileSink = null;
        try {
            if (out == null) {
                // Live output on a terminal is flushed per chunk; into a pipe or file it is buffered.
                sink = new OutputStreamSink(io.out(), startChunk, io.outIsTerminal());
            } else {
                fileSink = openFile(err);
                sink = fileSink;
            }
        } catch (IOException e) {
            err.println(Cli.oneLine("fetch: cannot " + (resume ? "resume " : "write ") + out + ": "
                    + Cli.describeFileProblem(out, e)));
            return Cli.EXIT_FAILED;
        }

        // One stream into a buffered file or stdout: its callbacks run on the transport thread, which
        // saves a thread hand-off per chunk (see Channels.tuned).
        FetchChannel transport = new FetchChannel(connection, true);
        ManagedChannel channel = transport.channel();
        ProgressView bar = showProgress() ? new ProgressView(io.err(), reportId, sink.nextChunk()) : null;
        AtomicReference<ResumableFetch> self = new AtomicReference<>();
        ResumableFetch fetch = new ResumableFetch(connection.client(channel), reportId, sink,
                RetryPolicy.retries(retries), deadline, FetchRequest.DEFAULT_PREFETCH, channel::resetConnectBackoff,
                new ResumableFetch.Progress() {
                    @Override
                    public void onChunk(int chunkNumber, int totalChunks, int chunksThisRun, long bytesHeld) {
                        if (bar != null) {
                            bar.update(chunkNumber, totalChunks, bytesHeld);
                        }
                        if (cancelAfter != null && chunksThisRun >= cancelAfter) {
                            self.get().cancel("cancelled after " + cancelAfter + " chunks as asked (--cancel-after)");
                        }
                    }

                    @Override
                    public void onRetry(int retry, int maxRetries, Status failure, Duration delay) {
                        if (!quiet) {
                            err.println(Cli.oneLine(String.format(Locale.ROOT, "fetch: %s: %s; retry %d of %d in %d ms",
                                    failure.getCode(), describe(failure, target), retry, maxRetries, delay.toMillis())));
                        }
                    }
                });
        self.set(fetch);

        // Ctrl+C / SIGTERM: cancel the stream and keep the .part resumable before the JVM exits.
        CountDownLatch settled = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            fetch.cancel("interrupted (SIGINT or SIGTERM)");
            try {
                settled.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fetch-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            FetchOutcome outcome = fetch.run();
            if (bar != null) {
                bar.close();
            }
            return report(outcome, fileSink, err);
        } finally {
            settled.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running (a signal): it only waited for us
            }
            transport.close();
        }
    }

    /**
     * A bar only for someone watching stderr on a terminal, and not when the report itself goes to
     * that terminal: redraws would tear through the data (curl decides the same way).
     */
    private boolean showProgress() {
        return !quiet && io.errIsTerminal() && (out != null || !io.outIsTerminal());
    }

    /** Target, TLS and token as one checked spec; its problems are usage errors. */
    private ConnectionSpec connection() {
        return UsageRules.checked(spec, this::connectionSpec);
    }

    ConnectionSpec connectionSpec() {
        return new ConnectionSpec(target, tls || caFile != null, caFile, UsageRules.tokenOrNull(token));
    }

    private void validate() {
        String problem = optionProblem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }

    private String optionProblem() {
        if (startChunk < 0) {
            return "--start-chunk must be 0 or more, got " + startChunk;
        }
        if (cancelAfter != null && cancelAfter < 1) {
            return "--cancel-after must be 1 or more, got " + cancelAfter;
        }
        if (retries < 0) {
            return "--retries must be 0 or more, got " + retries;
        }
        if (deadline != null && (deadline.isZero() || deadline.isNegative())) {
            return "--deadline must be longer than 0";
        }
        if (resume && out == null) {
            return "--resume needs --out FILE (the FILE.part to continue)";
        }
        if (resume && startChunk != 0) {
            return "--resume and --start-chunk cannot be combined: a resume starts at the next missing chunk";
        }
        return null;
    }

    private ResumableFileSink openFile(PrintWriter err) throws IOException {
        if (resume && ResumableFileSink.resumable(out)) {
            ResumableFileSink sink = ResumableFileSink.resume(out, reportId);
            ResumeRecord from = sink.resumedFrom();
            note(err, "resuming " + sink.part() + " at chunk " + from.nextChunk() + " (" + from.bytes()
                    + " bytes kept)");
            return sink;
        }
        if (resume) {
            note(err, "nothing to resume at " + ResumableFileSink.partFile(out) + "; fetching from the start");
        }
        return ResumableFileSink.create(out, reportId, startChunk);
    }

    private int report(FetchOutcome outcome, ResumableFileSink fileSink, PrintWriter err) {
        String summary = SummaryLine.format(outcome);
        Status status = outcome.status();
        boolean asked = cancelAfter != null && outcome.cancelRequested() && status.getCode() == Status.Code.CANCELLED;
        String kept = fileSink == null ? "" : "; partial report kept in " + fileSink.part() + " (next chunk "
                + outcome.nextChunk() + ", continue with --resume)";
        int exit;
        if (status.isOk()) {
            exit = Cli.EXIT_OK;
        } else if (asked) {
            note(err, describe(status, target) + kept);
            exit = Cli.EXIT_OK;
        } else {
            err.println(Cli.oneLine("fetch: " + status.getCode() + ": " + describe(status, target) + kept));
            exit = Cli.EXIT_FAILED;
        }
        if (out != null) {
            PrintStream stdout = new PrintStream(io.out(), true, java.nio.charset.StandardCharsets.UTF_8);
            stdout.println(summary);
            stdout.flush();
        } else {
            err.println(summary);
        }
        err.flush();
        return exit;
    }

    private void note(PrintWriter err, String text) {
        if (!quiet) {
            err.println(Cli.oneLine("fetch: " + text));
        }
    }

    /** One plain sentence for the status ({@link FailureText}: no gRPC developer wording). */
    static String describe(Status status, Target target) {
        return FailureText.explain(status, target);
    }
}
