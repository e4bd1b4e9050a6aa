package org.reportviewer.packaging;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run by {@link LaunchersTest} through packaging/launcher.sh: prints how it was started, one fact a line. */
public final class LauncherProbe {

    private LauncherProbe() {}

    public static void main(String[] args) throws Exception {
        // argv[0] as the process has it (bash's exec -a sets it; Java does not show it otherwise).
        String cmdline = Files.readString(Path.of("/proc/self/cmdline"), StandardCharsets.UTF_8);
        System.out.println("argv0=" + cmdline.substring(0, cmdline.indexOf('\0')));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            System.out.println("option=" + option);
        }
        System.out.println("class.path=" + System.getProperty("java.class.path"));
        for (String arg : args) {
            System.out.println("arg=" + arg);
        }
    }
}
