package org.reportviewer.client;

import io.grpc.internal.TransportTracer;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

/**
 * Removes two per-message costs of grpc-java's transport statistics (channelz's {@code TransportTracer},
 * which this project never reads) that a profile of 1,000,000 × 100 B chunks showed on the client's
 * event loop (BENCHMARKS.md, "Small chunks: where the client's time goes"):
 * <ul>
 * <li>each received message is counted through {@code ReflectionLongAdderCounter}, which calls
 *     {@code LongAdder.add} with {@code Method.invoke} on a {@code Method} never made accessible, so
 *     every call checks its caller with a stack walk ({@code Reflection.getCallerClass}): 9 % of the
 *     event loop's samples with the CLI's C1-only JIT. Marking that one shared {@code Method}
 *     accessible skips the check; what it calls is unchanged.</li>
 * <li>each message also stamps its time with {@code Instant.now()} (1.5 %); a millisecond clock
 *     ({@code currentTimeMillis}, a vDSO read) keeps the same meaning for the few readers of it.</li>
 * </ul>
 * Both are best effort: if a later grpc-java moves these internals, nothing changes but the cost.
 */
final class TransportTracerCost {

    private static final TransportTracer.Factory MILLISECOND_CLOCK =
            new TransportTracer.Factory(() -> TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));

    static {
        try {
            Field add = Class.forName("io.grpc.internal.ReflectionLongAdderCounter").getDeclaredField("addMethod");
            add.setAccessible(true);
            Object method = add.get(null);
            if (method instanceof Method m) {
                m.setAccessible(true); // LongAdder.add is public in an exported package: always permitted
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another grpc-java layout: the counter keeps its own (slower) path.
        }
    }

    private TransportTracerCost() {}

    /** Applies both to {@code builder}'s transports. */
    static NettyChannelBuilder reduce(NettyChannelBuilder builder) {
        InternalNettyChannelBuilder.setTransportTracerFactory(builder, MILLISECOND_CLOCK);
        return builder;
    }
}
