package org.reportviewer;

import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Where log lines go. Our own lines (access log, server start and stop) are SLF4J and go to stderr
 * (slf4j-simple). The libraries' lines (gRPC logs through java.util.logging, and so does its shaded
 * Netty once told to) are meant for developers, not users: they go to a bounded debug log file,
 * {@value #DEBUG_FILE_PATTERN} in the temp folder (opened only when a first line comes), never to
 * stderr. With {@value #DEBUG_PROPERTY}=true (or the environment variable {@value #DEBUG_ENV}=1)
 * everything, down to DEBUG, goes to stderr instead (through SLF4J, one format). Either way bearer
 * tokens are masked first.
 */
public final class Logging {

    public static final String DEBUG_PROPERTY = "reportviewer.debug";
    public static final String DEBUG_ENV = "REPORT_VIEWER_DEBUG";
    static final String DEBUG_FILE_PATTERN = "report-viewer-debug-%u.%g.log";

    private static boolean initialised;

    private Logging() {}

    public static synchronized void init() {
        if (initialised) {
            return;
        }
        initialised = true;
        boolean debug = debugRequested();
        if (debug) {
            // Read by slf4j-simple when its first logger is made, which has not happened yet.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
            System.setProperty("org.slf4j.simpleLogger.log.io.grpc.netty.shaded", "debug");
        }
        // Netty inside grpc-netty-shaded would log through SLF4J to stderr; send it to j.u.l. like gRPC.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        // In debug mode through SLF4J, so library and own lines share one format on stderr.
        Handler target = debug ? new SLF4JBridgeHandler() : new LazyDebugFile();
        target.setLevel(Level.ALL);
        root.addHandler(new RedactingHandler(target));
        root.setLevel(debug ? Level.FINE : Level.INFO);
    }

    static boolean debugRequested() {
        return Boolean.getBoolean(DEBUG_PROPERTY) || "1".equals(System.getenv(DEBUG_ENV))
                || "true".equalsIgnoreCase(System.getenv(DEBUG_ENV));
    }

    /** The debug log, opened on the first line: a run that logs nothing leaves no file. */
    private static final class LazyDebugFile extends Handler {
        private Handler file;
        private boolean failed;

        @Override
        public synchronized void publish(LogRecord record) {
            if (file == null && !failed) {
                try {
                    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
                    Files.createDirectories(dir);
                    // 1 MiB, two generations: bounded however long the app runs.
                    file = new FileHandler(dir.resolve(DEBUG_FILE_PATTERN).toString(), 1 << 20, 2, true);
                    file.setFormatter(new SimpleFormatter());
                } catch (IOException | RuntimeException e) {
                    failed = true; // no debug log then; the user's stderr is still not the place
                }
            }
            if (file != null) {
                file.publish(record);
                file.flush();
            }
        }

        @Override
        public synchronized void flush() {
            if (file != null) {
                file.flush();
            }
        }

        @Override
        public synchronized void close() {
            if (file != null) {
                file.close();
            }
        }
    }
}
