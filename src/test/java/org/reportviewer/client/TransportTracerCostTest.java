package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Every channel skips the caller check of grpc-java's per-message counter. If a grpc-java upgrade
 * moves {@code ReflectionLongAdderCounter}, this fails: look again at what the counter costs per
 * message (BENCHMARKS.md, "Small chunks: where the client's time goes").
 */
class TransportTracerCostTest {

    @Test
    @SuppressWarnings("deprecation") // isAccessible() reads exactly the flag that Method.invoke checks
    void theMessageCounterIsCalledWithoutACallerCheck() throws Exception {
        ManagedChannel channel = Channels.plaintext(new Target("127.0.0.1", 1));
        try {
            Field add = Class.forName("io.grpc.internal.ReflectionLongAdderCounter").getDeclaredField("addMethod");
            add.setAccessible(true);
            Method method = (Method) add.get(null);
            assertThat(method.getDeclaringClass().getName()).isEqualTo("java.util.concurrent.atomic.LongAdder");
            assertThat(method.isAccessible()).as("LongAdder.add marked accessible").isTrue();
        } finally {
            Channels.shutdown(channel);
        }
    }
}
