package org.reportviewer.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/launchers.sh and packaging/launcher.sh on a small app-image laid out as jpackage's (its
 * runtime this JDK, its class path the test classes, its main class {@link LauncherProbe}): both
 * launchers run java as their .cfg says, under their own names, in the app-image and in the
 * .deb's layout, with a class-data archive only where it was recorded.
 */
class LaunchersTest {

    private static final String PROBE = LauncherProbe.class.getName();

    @TempDir
    Path dir;

    private Path image;

    @BeforeEach
    void appImage() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isReadable(Path.of("/proc/self/cmdline")),
                "Linux with bash (the launchers are Linux only)");
        image = dir.resolve("report-viewer");
        Files.createDirectories(image.resolve("bin"));
        Files.createDirectories(image.resolve("lib/app"));
        Files.writeString(image.resolve("bin/report-viewer"), "native launcher");
        image.resolve("bin/report-viewer").toFile().setExecutable(true);
        Files.writeString(image.resolve("lib/libapplauncher.so"), "the native launcher's library");
        Files.createSymbolicLink(image.resolve("lib/runtime"), Path.of(System.getProperty("java.home")));
        Path classes = Path.of(LauncherProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // As jpackage writes it: $APPDIR is lib/app; [JavaOptions] comes last.
        Files.writeString(image.resolve("lib/app/report-viewer.cfg"), String.join("\n",
                "[Application]",
                "app.classpath=" + classes,
                "app.mainclass=" + PROBE,
                "app.classpath=$APPDIR/lib/none.jar",
                "",
                "[JavaOptions]",
                "java-options=-Djpackage.app-version=0.1.0",
                "java-options=-Dprobe.app=$APPDIR",
                ""));
        Path properties = dir.resolve("report-viewer-cli.properties");
        Files.writeString(properties, "# the CLI's options\njava-options=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC\n");
        Path window = dir.resolve("report-viewer-window.properties");
        Files.writeString(window, "# the window's options\njava-options=-XX:TieredStopAtLevel=1 -Dprobe.window=yes\n");
        assertThat(run(Path.of("packaging/launchers.sh").toAbsolutePath(), image.toString(), properties.toString(),
                window.toString())).anyMatch(line -> line.startsWith("launchers.sh: "));
    }

    @Test
    void theWindowsLauncherIsTheScriptRunningJavaUnderItsName() throws Exception {
        String app = image.resolve("lib/app").toRealPath().toString();
        List<String> out = run(image.resolve("bin/report-viewer"), "serve", "--port", "0");

        assertThat(Files.readString(image.resolve("bin/report-viewer")))
                .isEqualTo(Files.readString(Path.of("packaging/launcher.sh")));
        assertThat(image.resolve("lib/libapplauncher.so")).doesNotExist();
        // Without exec -a the process is named java (ps, pkill; GTK's group leader window "java", "Java").
        assertThat(out).contains("argv0=report-viewer", "option=-Djpackage.app-version=0.1.0", "option=-Dprobe.app=" + app,
                "option=-Djpackage.app-path=" + image.toRealPath().resolve("bin/report-viewer"),
                "arg=serve", "arg=--port", "arg=0");
        // A command keeps the default JVM: the window's options are for the window alone.
        assertThat(out).noneMatch(line -> line.contains("TieredStopAtLevel") || line.contains("probe.window"));
        assertThat(out).anyMatch(line -> line.startsWith("class.path=") && line.endsWith(":" + app + "/lib/none.jar"));
    }

    @Test
    void theWindowAloneGetsTheWindowsOptions() throws Exception {
        List<String> out = run(image.resolve("bin/report-viewer"));

        assertThat(out).contains("argv0=report-viewer", "option=-Djpackage.app-version=0.1.0",
                "option=-XX:TieredStopAtLevel=1", "option=-Dprobe.window=yes");
        assertThat(out).noneMatch(line -> line.startsWith("arg="));
        // The CLI has options of its own, not the window's.
        assertThat(run(image.resolve("bin/report-viewer-cli"))).noneMatch(line -> line.contains("probe.window"));
    }

    @Test
    void mavensJavafxRunGivesTheWindowTheSameOptions() throws Exception {
        // README's `mvn javafx:run` starts the window too: the pom repeats the window's options.
        List<String> window = Files.readAllLines(Path.of("packaging/report-viewer-window.properties")).stream()
                .filter(l -> l.startsWith("java-options=")).flatMap(l -> List.of(l.substring(13).trim().split("\\s+")).stream())
                .toList();
        String pom = Files.readString(Path.of("pom.xml"));
        String plugin = pom.substring(pom.indexOf("<artifactId>javafx-maven-plugin</artifactId>"));
        plugin = plugin.substring(0, plugin.indexOf("</plugin>"));
        List<String> options = java.util.regex.Pattern.compile("<option>([^<]+)</option>").matcher(plugin).results()
                .map(m -> m.group(1).trim()).toList();

        assertThat(window).isNotEmpty();
        assertThat(options).containsExactlyElementsOf(window);
    }

    @Test
    void theCliLauncherAddsTheShortRunsOptions() throws Exception {
        List<String> out = run(image.resolve("bin/report-viewer-cli"), "fetch");

        assertThat(out).contains("argv0=report-viewer-cli", "option=-Djpackage.app-version=0.1.0",
                "option=-XX:TieredStopAtLevel=1", "option=-XX:+UseSerialGC", "arg=fetch");
    }

    @Test
    void aClassDataArchiveIsUsedOnlyInTheFolderItWasRecordedIn() throws Exception {
        // As cds-train.sh leaves it: the archive in each .cfg and ARCHIVE.where naming lib/app.
        Path app = image.resolve("lib/app");
        Files.copy(Path.of(System.getProperty("java.home"), "lib/server/classes.jsa"), app.resolve("report-viewer.jsa"));
        Files.writeString(app.resolve("report-viewer.cfg"), "java-options=-XX:SharedArchiveFile=$APPDIR/report-viewer.jsa\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(app.resolve("report-viewer.jsa.where"), app.toRealPath() + "\n");

        assertThat(run(image.resolve("bin/report-viewer")))
                .contains("option=-XX:SharedArchiveFile=" + app.toRealPath() + "/report-viewer.jsa");

        Path moved = Files.move(image, dir.resolve("moved"));
        assertThat(run(moved.resolve("bin/report-viewer"))).contains("argv0=report-viewer")
                .noneMatch(line -> line.contains("SharedArchiveFile"));
    }

    @Test
    void theDebsLayoutRunsFromUsrBin() throws Exception {
        // jpackage --install-dir /usr: launchers in /usr/bin, lib/app in /usr/lib/report-viewer/app.
        Path usr = dir.resolve("usr");
        Files.createDirectories(usr.resolve("lib"));
        Files.move(image.resolve("bin"), usr.resolve("bin"));
        Files.move(image.resolve("lib"), usr.resolve("lib/report-viewer"));

        assertThat(run(usr.resolve("bin/report-viewer-cli"), "--version"))
                .contains("argv0=report-viewer-cli", "option=-XX:TieredStopAtLevel=1", "arg=--version",
                        "option=-Dprobe.app=" + usr.resolve("lib/report-viewer/app").toRealPath());
    }

    private static List<String> run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
