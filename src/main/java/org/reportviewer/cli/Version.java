package org.reportviewer.cli;

import org.reportviewer.server.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or from a resource Maven filtered when run from classes. */
public final class Version implements IVersionProvider {

    public static String current() {
        return BuildInfo.version();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"report-viewer " + current() + " (Java " + Runtime.version() + ")"};
    }
}
