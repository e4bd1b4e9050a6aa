package org.reportviewer.client;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A report server the app runs itself (the embedded server), as the window sees it: where it
 * listens and how a local file becomes one of its reports. {@link #NONE} stands in when there is
 * none (tests, a viewer started without one), so callers never check for {@code null}.
 */
public interface LocalServer {

    /** Starts the server if needed and says where it listens. */
    Target target() throws IOException;

    /**
     * Makes a local file one of the server's reports (linked or copied into its reports folder).
     *
     * @return the report id to ask for
     */
    String importFile(Path file) throws IOException;

    /** Whether there is a server at all ({@code false} only for {@link #NONE}). */
    default boolean available() {
        return true;
    }

    /** No local server: every use fails with a readable message. */
    LocalServer NONE = new LocalServer() {
        @Override
        public Target target() throws IOException {
            throw new IOException("this window has no embedded server");
        }

        @Override
        public String importFile(Path file) throws IOException {
            throw new IOException("opening files needs the embedded server");
        }

        @Override
        public boolean available() {
            return false;
        }
    };
}
