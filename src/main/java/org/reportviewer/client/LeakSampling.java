package org.reportviewer.client;

import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;

/**
 * Netty's leak detection off for a client process, unless the process asked for a level
 * ({@code -Dio.grpc.netty.shaded.io.netty.leakDetection.level=paranoid} to hunt a leak). The server
 * does the same for itself ({@code ReportServer}); a layer rule keeps the two apart. By default Netty
 * tracks one pooled buffer in 128, and every buffer sliced from a tracked one is tracked too, each
 * with a stack trace when it is released. A socket read of 100 B messages is sliced per frame and
 * per message, so one tracked read cost a stack trace per message: with {@link DataFrameCoalescer},
 * whose buffers hold ≈ 150 messages, 6 of 13 `fetch` processes of 1,000,000 × 100 B spent 2–5 × their
 * usual CPU on it (27 % of one profile in {@code Throwable.fillInStackTrace}; BENCHMARKS.md, "Small
 * chunks, third round"), and none with detection off.
 */
final class LeakSampling {

    static final String PROPERTY = "io.grpc.netty.shaded.io.netty.leakDetection.level";
    private static final String OLD_PROPERTY = "io.grpc.netty.shaded.io.netty.leakDetectionLevel";

    private LeakSampling() {}

    static void offUnlessAsked() {
        if (System.getProperty(PROPERTY) == null && System.getProperty(OLD_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
