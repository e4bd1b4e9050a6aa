package org.reportviewer.client;

/**
 * Decides when a call asks the server for more chunks. A consumer slower than the network (a
 * window that can paint only so much per frame) holds a stream back this way without blocking a
 * gRPC thread: the call stops requesting, gRPC flow control fills, and the server stops producing.
 */
@FunctionalInterface
public interface Pacer {

    /** Requests at once: the stream runs as fast as the network and the listener allow (the CLI). */
    Pacer NONE = (bytes, requestMore) -> requestMore.run();

    /**
     * The call has consumed {@code bytes} since it last asked for more, and would ask now.
     *
     * @param requestMore asks the server for the next chunks; run it exactly once, now or later, on
     *     any thread (it does not block, and does nothing once the call has ended)
     */
    void pace(long bytes, Runnable requestMore);
}
