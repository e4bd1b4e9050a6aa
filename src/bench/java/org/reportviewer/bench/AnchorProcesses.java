package org.reportviewer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four programs of case 8, each a separate process as a user runs it: our {@code serve} and
 * {@code fetch} (fresh JVMs on this harness's class path) and the seed's Go server and client
 * ({@code bench/go/build.sh}). Servers stay up for the whole case; every fetch is a new process.
 */
final class AnchorProcesses {

    static final Path GO_DIR = Path.of("bench", "go");
    static final Path GO_SERVER = GO_DIR.resolve("build/bin/seed-server");
    static final Path GO_CLIENT = GO_DIR.resolve("build/bin/seed-client");

    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");
    private static final Pattern SUMMARY = Pattern.compile("bytes=(?<count>\\d+) status=(?<status>\\w+)\\S* .*total_ms=(?<ms>\\d+)");
    private static final Pattern FLOOR_SUMMARY = Pattern.compile("messages=(?<count>\\d+) .*total_ms=(?<ms>\\d+) status=(?<status>\\w+)");
    private static final Pattern CPU = Pattern.compile("cpu_user=([\\d.]+) cpu_sys=([\\d.]+)");

    /** One fetch: bytes, the client's own stream time, its process wall time and CPU seconds. */
    record Fetch(long bytes, double streamSeconds, double processSeconds, double cpuSeconds) {}

    /** A server process and the address it listens on. */
    record Server(String name, Process process, String address) implements AutoCloseable {
        /** CPU seconds the server process has used so far (from /proc). */
        double cpuSeconds() {
            return AnchorProcesses.cpuSeconds(process.pid());
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private final List<String> fetchCommand;
    private final List<String> floorCommand;
    private final List<String> serveCommand;
    private final Path logs;

    /**
     * @param clientJvmArgs options for our fetch JVMs (e.g. C1 only), may be empty
     * @param clientLauncher a packaged launcher to run fetch with instead (its own options and
     *     class-data archive apply, and {@code clientJvmArgs} do not), or {@code null}
     */
    AnchorProcesses(List<String> clientJvmArgs, Path clientLauncher, Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
        this.fetchCommand = clientLauncher != null ? List.of(clientLauncher.toAbsolutePath().toString())
                : javaCommand(clientJvmArgs, "org.reportviewer.Launcher");
        // The floor runs with the CLI's JVM options (the launcher's own, when one is given: they are its
        // java-options) on this harness's class path; it has no class-data archive, which only start-up feels.
        this.floorCommand = javaCommand(clientJvmArgs, BareClientFloor.class.getName());
        this.serveCommand = javaCommand(List.of(
                "-Dorg.slf4j.simpleLogger.log.org.reportviewer.server.access=warn"), "org.reportviewer.Launcher");
    }

    /** How our fetch processes start, without the class path: for the report. */
    String fetchDescription() {
        List<String> shown = new ArrayList<>(fetchCommand);
        int cp = shown.indexOf("-cp");
        if (cp < 0) { // a launcher: its path, from the project folder
            return Path.of("").toAbsolutePath().relativize(Path.of(shown.get(0))).toString();
        }
        shown.set(cp + 1, "<harness class path>");
        shown.set(0, Path.of(shown.get(0)).getFileName().toString());
        return String.join(" ", shown);
    }

    private static List<String> javaCommand(List<String> jvmArgs, String mainClass) {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        args.addAll(jvmArgs);
        args.add("-cp");
        args.add(System.getProperty("java.class.path"));
        args.add(mainClass);
        return List.copyOf(args);
    }

    /**
     * Why the Go programs cannot run, or {@code null} when they can. Builds them with
     * {@code bench/go/build.sh} when they are missing and Go is installed.
     */
    static String goMissing() {
        if (Files.isExecutable(GO_SERVER) && Files.isExecutable(GO_CLIENT)) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("bash", GO_DIR.resolve("build.sh").toString()).redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || !Files.isExecutable(GO_SERVER)) {
                return "the Go anchor could not be built (" + lastLine(output) + ")";
            }
            return null;
        } catch (IOException e) {
            return "the Go anchor could not be built (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    Server ourServer() throws IOException {
        List<String> cmd = new ArrayList<>(serveCommand);
        cmd.addAll(List.of("serve", "--host", "127.0.0.1", "--port", "0", "--grace", "0s"));
        return start("our server", cmd, "our-server");
    }

    Server goServer(int chunks, int chunkSize) throws IOException {
        return start("Go server", List.of(GO_SERVER.toString(), "-addr", "127.0.0.1:0", "-chunks", "" + chunks,
                "-chunk-size", "" + chunkSize, "-sleep", "0", "-quiet"), "go-server-" + chunkSize);
    }

    Fetch ourFetch(Server server, String reportId) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(fetchCommand);
        cmd.addAll(List.of("fetch", "--target", server.address(), "--report", reportId, "--quiet"));
        return fetch(cmd, false, SUMMARY); // the report goes to stdout (/dev/null), the summary line to stderr
    }

    /**
     * {@link BareClientFloor} on the tuned channel: a grpc-java client that skips every message. Its
     * "bytes" are its messages × {@code chunkSize}, the payload it would have had to parse.
     */
    Fetch floorFetch(Server server, String reportId, int chunkSize) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(floorCommand);
        cmd.addAll(List.of(server.address(), reportId, "tuned"));
        Fetch f = fetch(cmd, true, FLOOR_SUMMARY);
        return new Fetch(f.bytes() * chunkSize, f.streamSeconds(), f.processSeconds(), f.cpuSeconds());
    }

    Fetch goFetch(Server server, String reportId) throws IOException, InterruptedException {
        return fetch(List.of(GO_CLIENT.toString(), "-addr", server.address(), "-report", reportId, "-log-chunks=false",
                "-out", "/dev/null", "-timeout", "10m"), true, SUMMARY);
    }

    private Server start(String name, List<String> cmd, String log) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectError(logs.resolve(log + ".log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                // Keep draining stdout so the server never blocks on a full pipe.
                Thread drain = new Thread(() -> drain(out), log + "-stdout");
                drain.setDaemon(true);
                drain.start();
                return new Server(name, p, m.group(1));
            }
        }
        p.destroyForcibly();
        throw new IOException(name + " did not start; see " + logs.resolve(log + ".log"));
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (IOException ignored) {
            // the server exited
        }
    }

    /**
     * Runs one client process, report to /dev/null, timed by itself and by /usr/bin/time. {@code summary}
     * finds, in its summary line, the groups {@code count} (bytes, or messages for the floor), {@code ms}
     * (its own stream time) and {@code status}.
     */
    private static Fetch fetch(List<String> client, boolean summaryOnStdout, Pattern summary)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            cmd.addAll(List.of("/usr/bin/time", "-f", "cpu_user=%U cpu_sys=%S"));
        }
        cmd.addAll(client);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(summaryOnStdout)
                .redirectOutput(summaryOnStdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process p = pb.start();
        String text = new String((summaryOnStdout ? p.getInputStream() : p.getErrorStream()).readAllBytes(),
                StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        Matcher m = summary.matcher(text);
        if (exit != 0 || !m.find() || !m.group("status").equals("OK")) {
            throw new IOException("fetch failed (exit " + exit + "): " + lastLine(text) + " — " + String.join(" ", client));
        }
        Matcher cpu = CPU.matcher(text);
        double cpuSeconds = timed && cpu.find()
                ? Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2)) : Double.NaN;
        return new Fetch(Long.parseLong(m.group("count")), Long.parseLong(m.group("ms")) / 1e3, wall, cpuSeconds);
    }

    /** CPU seconds (user + system) a live process has used, from /proc/PID/stat; NaN elsewhere. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", "" + pid, "stat"));
            // Fields after the command name "(...)": state is field 3, utime 14, stime 15 (clock ticks).
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
