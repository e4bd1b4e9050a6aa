package io.grpc.override;

import io.grpc.Context;
import io.grpc.netty.shaded.io.netty.util.concurrent.FastThreadLocal;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where gRPC keeps the current {@link Context}: gRPC's documented hook ({@code Context.Storage}: a
 * class of this name, when present, replaces its {@code ThreadLocalContextStorage}). Same semantics,
 * held in a Netty {@link FastThreadLocal} instead of a {@link ThreadLocal}.
 *
 * <p>Why: gRPC attaches and detaches the call's context around every message it delivers, on the
 * Netty event loop. A {@code ThreadLocal} lookup checks its weak key with {@code Reference.refersTo},
 * which the CLI's C1-only JIT does not inline: a native call, four per message (perf on 1,000,000 ×
 * 100 B: attach + detach were ~4 % of a {@code fetch} process; BENCHMARKS.md, "Small chunks, second
 * round"). On Netty's own threads a {@code FastThreadLocal} is an array slot; on other threads it
 * costs one {@code ThreadLocal} lookup, as before.
 */
public final class ContextStorageOverride extends Context.Storage {

    private static final Logger LOG = Logger.getLogger(ContextStorageOverride.class.getName());
    private static final FastThreadLocal<Context> CURRENT = new FastThreadLocal<>();

    @Override
    public Context doAttach(Context toAttach) {
        Context previous = current();
        CURRENT.set(toAttach);
        return previous;
    }

    @Override
    public void detach(Context toDetach, Context toRestore) {
        if (current() != toDetach) {
            // As gRPC's own storage does: a mismatched detach is a bug in the caller, logged, not thrown.
            LOG.log(Level.SEVERE, "Context was not attached when detaching", new Throwable().fillInStackTrace());
        }
        CURRENT.set(toRestore == Context.ROOT ? null : toRestore);
    }

    @Override
    public Context current() {
        Context current = CURRENT.get();
        return current == null ? Context.ROOT : current;
    }
}
