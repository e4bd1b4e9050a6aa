package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reportviewer.client.Target;
import org.reportviewer.testing.CliProcess;
import org.reportviewer.testing.LoopbackServerExtension;
import org.reportviewer.testing.SeedServer;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code fetch}'s path without picocli: it takes a line only as picocli reads it, and loads no picocli. */
class PlainFetchTest {

    @RegisterExtension
    static final LoopbackServerExtension loopback = LoopbackServerExtension.standard(5);

    @TempDir
    Path dir;

    private static final Io NO_IO = new Io(new ByteArrayOutputStream(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);

    @Test
    void optionTablesMatchPicocliModelOfFetch() {
        CommandLine cl = new CommandLine(new FetchCommand(NO_IO));
        Set<String> flags = new TreeSet<>();
        Set<String> valued = new TreeSet<>();
        for (OptionSpec option : cl.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            assertThat(option.names()).as("one name per option").hasSize(1);
            (option.arity().max() == 0 ? flags : valued).add(option.longestName());
        }
        assertThat(FetchCommand.FLAGS).containsExactlyInAnyOrderElementsOf(flags);
        assertThat(FetchCommand.VALUED).containsExactlyInAnyOrderElementsOf(valued);
    }

    static Stream<List<String>> plainLines() {
        return Stream.of(
                List.of("--target", "127.0.0.1:50051", "--report", "demo"),
                List.of("--report=synthetic?size=100&chunk=100", "--target=localhost:7", "--quiet"),
                List.of("--target", "h.example:443", "--report", "x", "--tls", "--out", "r.csv", "--resume",
                        "--retries", "3", "--deadline", "1.5s"),
                List.of("--target", "localhost:1", "--report", "x", "--token", "abc", "--start-chunk", "12",
                        "--cancel-after", "2", "--out", "sub/r.txt"),
                // refused when the call starts, not as a usage error: the same either way
                List.of("--target", "db.example:5432", "--report", "x", "--token", "abc"));
    }

    @ParameterizedTest
    @MethodSource("plainLines")
    void takesPlainLinesWithPicocliValues(List<String> options) throws Exception {
        String[] args = Stream.concat(Stream.of("fetch"), options.stream()).toArray(String[]::new);
        FetchCommand plain = PlainFetch.parse(NO_IO, args);
        assertThat(plain).as("taken: %s", options).isNotNull();
        assertThat(fields(plain)).isEqualTo(fields(picocli(options)));
    }

    static Stream<List<String>> linesForPicocli() {
        return Stream.of(
                List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"), List.of(),
                List.of("--report", "x"), // --target missing
                List.of("--target", "localhost:1", "--report", "x", "--report", "y"),
                List.of("--target", "localhost:1", "--report", "--quiet"),
                List.of("--target", "localhost:1", "--report", "x", "--quiet=true"),
                List.of("--target", "localhost:1", "--report", "x", "extra"),
                List.of("--target", "localhost:1", "--report", "x", "--tarjet", "y"),
                List.of("@options.txt"),
                List.of("--target", "localhost:1", "--report", "x", "--start-chunk", "010"),
                List.of("--target", "localhost:1", "--report", "x", "--retries", "0x10"),
                List.of("--target", "localhost:1", "--report", "x", "--start-chunk", "-1"),
                List.of("--target", "localhost:1", "--report", "x", "--cancel-after", "0"),
                List.of("--target", "localhost:1", "--report", "x", "--resume"),
                List.of("--target", "localhost:1", "--report", "x", "--deadline", "0s"),
                List.of("--target", "localhost:1", "--report", "x", "--deadline", "soon"),
                List.of("--target", "nohost", "--report", "x"),
                List.of("--target", "localhost:1", "--report", "x", "--ca-file", "/no/such.pem"),
                List.of("--target", "localhost:1", "--report", "x", "--out"),
                List.of("--target", "localhost:1", "--report", ""));
    }

    @ParameterizedTest
    @MethodSource("linesForPicocli")
    void leavesEverythingElseToPicocli(List<String> options) {
        String[] args = Stream.concat(Stream.of("fetch"), options.stream()).toArray(String[]::new);
        assertThat(PlainFetch.parse(NO_IO, args)).as("declined: %s", options).isNull();
    }

    @Test
    void otherCommandsAreNotTaken() {
        assertThat(PlainFetch.parse(NO_IO, "serve", "--port", "0")).isNull();
        assertThat(PlainFetch.parse(NO_IO, "--help")).isNull();
        assertThat(PlainFetch.parse(NO_IO)).isNull();
    }

    @Test
    void aPlainFetchProcessOfALoopbackLiteralLoadsNoPicocliNorDnsResolverAndHelpStillListsEveryCommand() throws Exception {
        Path classes = dir.resolve("classes.txt");
        Path out = dir.resolve("demo.txt");
        try (CliProcess p = CliProcess.start(dir, Map.of(), List.of("-Xlog:class+load=info:file=" + classes),
                "fetch", "--target", loopback.target().toString(), "--report", "demo", "--out", out.toString(),
                "--quiet")) {
            assertThat(p.waitFor(Duration.ofSeconds(60))).as(p.stderr()).isZero();
            assertThat(out).hasContent(SeedServer.expectedText("demo"));
            assertThat(p.stdout()).startsWith("received=10 ");
        }
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).anyMatch(line -> line.contains(" org.reportviewer.cli.PlainFetch "));
        // Verifying Cli and FetchCommand loads picocli's few exception types; the parser and its model stay out.
        assertThat(loaded).noneMatch(line -> line.contains(" picocli.CommandLine ")
                || line.contains(" picocli.CommandLine$Model") || line.contains(" picocli.CommandLine$Interpreter"));
        // The target is the loopback literal 127.0.0.1: connected to directly, never through gRPC's DNS resolver.
        assertThat(loopback.target().host()).isEqualTo("127.0.0.1");
        // (gRPC's registry loads the DNS provider's classes either way; a resolution would load these.)
        assertThat(loaded).noneMatch(line -> line.contains(" io.grpc.internal.DnsNameResolver$Resolve ")
                || line.contains(" io.grpc.internal.DnsNameResolver$JdkAddressResolver "));
        assertThat(loaded).anyMatch(line -> line.contains("DirectAddressNameResolverProvider "));

        try (CliProcess p = CliProcess.start(dir, "--help")) {
            assertThat(p.waitFor(Duration.ofSeconds(60))).as(p.stderr()).isZero();
            assertThat(p.stdout()).contains("Commands:").contains("serve").contains("fetch");
        }
    }

    /** {@code fetch}'s options as picocli sets them, with the converters {@link Cli} registers. */
    private static FetchCommand picocli(List<String> options) {
        FetchCommand command = new FetchCommand(NO_IO);
        CommandLine cl = new CommandLine(command);
        cl.registerConverter(Duration.class, Cli.converter(Durations::parse));
        cl.registerConverter(Target.class, Cli.converter(Target::parse));
        cl.parseArgs(options.toArray(String[]::new));
        return command;
    }

    /** The option fields' values (not the streams or picocli's spec). */
    private static Map<String, Object> fields(FetchCommand command) throws IllegalAccessException {
        Map<String, Object> values = new HashMap<>();
        for (Field f : FetchCommand.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("io") || f.getName().equals("spec")) {
                continue;
            }
            f.setAccessible(true);
            values.put(f.getName(), f.get(command));
        }
        assertThat(values).as("option fields").hasSizeGreaterThan(10);
        return values;
    }
}
