package org.reportviewer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.reportviewer.server.Sizes;

/**
 * What to run, from system properties, so quick runs need no code change:
 * {@code -Dbench.cases=1,2 -Dbench.size=256MiB -Dbench.runs=1}.
 */
record BenchConfig(
        Set<Integer> cases,
        int runs,
        int viewerRuns,
        long fetchBytes,
        int smallChunks,
        int firstChunkCalls,
        int cancels,
        long viewerBytes,
        long naiveBytes,
        long tabBytes,
        int tabs,
        Path out,
        List<String> clientJvmArgs,
        Path clientLauncher,
        List<String> windowJvmArgs) {

    /** The CLI launcher's JVM options, which case 8's fetch processes get unless told otherwise. */
    static final Path CLI_LAUNCHER_PROPERTIES = Path.of("packaging", "report-viewer-cli.properties");
    /** The window's JVM options, which the window JVMs of cases 5 and 7 get unless told otherwise. */
    static final Path WINDOW_PROPERTIES = Path.of("packaging", "report-viewer-window.properties");

    static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5, 7, 8, 9);

    static BenchConfig fromSystemProperties() {
        String list = System.getProperty("bench.cases", "all").trim();
        Set<Integer> cases = list.equals("all") ? new TreeSet<>(ALL)
                : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
        // Case 6 is the baselines, which run inside cases 1, 2 and 5.
        cases.remove(6);
        for (int c : cases) {
            if (!ALL.contains(c)) {
                throw new IllegalArgumentException("bench.cases: no case " + c + " (cases are 1-9; 6 = baselines, always on)");
            }
        }
        return new BenchConfig(
                cases,
                Integer.getInteger("bench.runs", 3),
                Integer.getInteger("bench.viewerRuns", 3),
                Sizes.parse(System.getProperty("bench.size", "1GiB")),
                Integer.getInteger("bench.smallChunks", 1_000_000),
                Integer.getInteger("bench.calls", 1_000),
                Integer.getInteger("bench.cancels", 200),
                Sizes.parse(System.getProperty("bench.viewerSize", "1GiB")),
                Sizes.parse(System.getProperty("bench.naiveSize", "16MiB")),
                Sizes.parse(System.getProperty("bench.tabSize", "128MiB")),
                Integer.getInteger("bench.tabs", 8),
                Path.of(System.getProperty("bench.out", "BENCHMARKS.md")),
                clientJvmArgs(System.getProperty("bench.clientJvmArgs", "").trim()),
                System.getProperty("bench.clientLauncher", "").isBlank() ? null
                        : Path.of(System.getProperty("bench.clientLauncher").trim()),
                jvmArgs("bench.windowJvmArgs", System.getProperty("bench.windowJvmArgs", "").trim(), WINDOW_PROPERTIES));
    }

    /**
     * Options for case 8's fetch JVMs, space-separated; empty: the CLI launcher's own (so the matrix
     * measures what users run), {@code none}: the JVM's defaults.
     */
    static List<String> clientJvmArgs(String value) {
        return jvmArgs("bench.clientJvmArgs", value, CLI_LAUNCHER_PROPERTIES);
    }

    /**
     * JVM options, space-separated; empty: the {@code java-options} lines of {@code launcherProperties}
     * (what the packaged launcher gives), {@code none}: the JVM's defaults.
     */
    static List<String> jvmArgs(String property, String value, Path launcherProperties) {
        if (value.equals("none")) {
            return List.of();
        }
        if (value.isEmpty()) {
            try (Stream<String> lines = Files.lines(launcherProperties)) {
                value = lines.filter(l -> l.startsWith("java-options=")).map(l -> l.substring("java-options=".length()))
                        .collect(Collectors.joining(" ")).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(property + ": cannot read " + launcherProperties, e);
            }
        }
        return Arrays.stream(value.split("\\s+")).filter(a -> !a.isEmpty()).toList();
    }

    boolean runs(int c) {
        return cases.contains(c);
    }

    /** The -D options that differ from the defaults, to print with the command line. */
    String describe() {
        return Samples.fmt("cases=%s runs=%d viewerRuns=%d size=%s smallChunks=%d calls=%d cancels=%d viewerSize=%s naiveSize=%s "
                        + "tabs=%d tabSize=%s",
                cases, runs, viewerRuns, Sizes.format(fetchBytes), smallChunks, firstChunkCalls, cancels,
                Sizes.format(viewerBytes), Sizes.format(naiveBytes), tabs, Sizes.format(tabBytes));
    }
}
