package org.reportviewer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real command line in a separate JVM: the current java binary, the test class path, main
 * class {@code org.reportviewer.Launcher}. Output goes to files (a pipe nobody drains could block
 * the child), which the test reads while the child runs.
 */
public final class CliProcess implements AutoCloseable {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    public final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String description;

    private CliProcess(Process process, Path stdout, Path stderr, String description) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.description = description;
    }

    /** Starts {@code report-viewer ARGS}; output files are created in {@code dir}. */
    public static CliProcess start(Path dir, String... args) throws IOException {
        return start(dir, java.util.Map.of(), args);
    }

    /** Like {@link #start(Path, String...)} with extra environment variables (e.g. a token). */
    public static CliProcess start(Path dir, java.util.Map<String, String> env, String... args) throws IOException {
        return start(dir, env, List.of(), args);
    }

    /** Like {@link #start(Path, java.util.Map, String...)} with JVM options (e.g. {@code -Dreportviewer.debug=true}). */
    public static CliProcess start(Path dir, java.util.Map<String, String> env, List<String> jvmOptions,
            String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA,
                // Short-lived JVMs: quick start-up matters more than peak speed.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.reportviewer.Launcher"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout-", ".txt");
        Path err = Files.createTempFile(dir, "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close(); // no input: like CI's closed stdin
        return new CliProcess(p, out, err, String.join(" ", args));
    }

    /** Waits for the exit and returns its code; fails (and kills the child) when it does not end in time. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("'" + description + "' did not exit within " + timeout + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    /** Waits until stdout has a line matching {@code pattern}; fails if the child exits first or time runs out. */
    public Matcher awaitStdoutLine(Pattern pattern, Duration timeout) {
        java.util.concurrent.atomic.AtomicReference<Matcher> found = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (String line : stdout().split("\n")) {
                    Matcher m = pattern.matcher(line);
                    if (m.matches()) {
                        found.set(m);
                        return true;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError("'" + description + "' exited with " + process.exitValue()
                            + " before printing " + pattern + "; stderr: " + stderr());
                }
                return false;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("'" + description + "' printed no " + pattern + " within " + timeout
                    + "; stdout: " + stdout() + " stderr: " + stderr());
        }
        return found.get();
    }

    public byte[] stdoutBytes() {
        try {
            return Files.readAllBytes(stdout);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public String stdout() {
        return new String(stdoutBytes(), StandardCharsets.UTF_8);
    }

    public String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Non-empty stderr lines. */
    public List<String> stderrLines() {
        return stderr().lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
