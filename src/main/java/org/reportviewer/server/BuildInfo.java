package org.reportviewer.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version: the CLI prints it, the server announces it to clients in a header. */
public final class BuildInfo {

    /** Maven filters it; the jar manifest carries the same version. */
    static final String RESOURCE = "/org/reportviewer/cli/version.properties";

    private BuildInfo() {}

    /** The version from the jar manifest, or from the filtered resource when run from classes. */
    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
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
}
