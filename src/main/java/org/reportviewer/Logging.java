package org.reportviewer;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Routes gRPC's java.util.logging through SLF4J so there is one log format and one config. */
public final class Logging {

    private Logging() {}

    public static synchronized void init() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
