package org.reportviewer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or from a resource Maven filtered when run from classes. */
public final class Version implements IVersionProvider {

    static final String RESOURCE = "/org/reportviewer/cli/version.properties";

    public static String current() {
        String v = Cli.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = Cli.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String fromBuild = p.getProperty("version", "");
                if (!fromBuild.isBlank() && !fromBuild.contains("${")) {
                    return fromBuild;
                }
            }
        } catch (IOException e) {
            // fall through: an unreadable resource is the same as none
        }
        return "unknown";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"report-viewer " + current() + " (Java " + Runtime.version() + ")"};
    }
}
