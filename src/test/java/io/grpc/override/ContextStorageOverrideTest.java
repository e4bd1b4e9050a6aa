package io.grpc.override;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.netty.shaded.io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** gRPC keeps the current Context in our storage, with gRPC's semantics, on Netty's threads and others. */
class ContextStorageOverrideTest {

    private static final Context.Key<String> KEY = Context.key("test");

    @Test
    void grpcKeepsTheCurrentContextHere() {
        Context context = Context.ROOT.withValue(KEY, "here");
        Context previous = context.attach();
        try {
            // A second instance reads the same per-thread slot: gRPC attached through this class.
            assertThat(new ContextStorageOverride().current()).isSameAs(context);
        } finally {
            context.detach(previous);
        }
        assertThat(new ContextStorageOverride().current()).isSameAs(Context.ROOT);
    }

    @Test
    void attachAndDetachNestOnNettyThreadsAndOthers() throws Exception {
        for (boolean netty : new boolean[] {true, false}) {
            AtomicReference<String> seen = new AtomicReference<>();
            Runnable check = () -> {
                Context outer = Context.current().withValue(KEY, "outer");
                Context beforeOuter = outer.attach();
                Context inner = Context.current().withValue(KEY, "inner");
                Context beforeInner = inner.attach();
                String during = KEY.get();
                inner.detach(beforeInner);
                String afterInner = KEY.get();
                outer.detach(beforeOuter);
                seen.set(during + "," + afterInner + "," + KEY.get() + "," + (Context.current() == Context.ROOT));
            };
            Thread t = netty ? new FastThreadLocalThread(check) : new Thread(check);
            t.start();
            t.join();
            assertThat(seen.get()).as(netty ? "Netty thread" : "plain thread").isEqualTo("inner,outer,null,true");
        }
    }
}
