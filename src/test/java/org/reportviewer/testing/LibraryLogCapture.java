package org.reportviewer.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything gRPC logs through java.util.logging while open, down to FINEST (its DEBUG and TRACE),
 * formatted as a log file would show it (message, parameters and exception included).
 */
public final class LibraryLogCapture implements AutoCloseable {

    private final Logger grpc = Logger.getLogger("io.grpc");
    private final Level previous = grpc.getLevel();
    private final List<String> lines = new ArrayList<>();
    private final SimpleFormatter format = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getLevel() + " " + record.getLoggerName() + " " + format.format(record));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    public LibraryLogCapture() {
        handler.setLevel(Level.ALL);
        grpc.setLevel(Level.ALL);
        grpc.addHandler(handler);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        grpc.removeHandler(handler);
        grpc.setLevel(previous);
    }
}
