package org.reportviewer.server;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Live counters of a ReportService, and a hook to observe each finished call (tests, benchmarks). */
public final class ServerMetrics {

    private final Set<ChunkPump> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Consumer<CallRecord>> listeners = new CopyOnWriteArrayList<>();

    /** Called once for every finished GenerateReport call, on a server thread. */
    public void addListener(Consumer<CallRecord> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<CallRecord> listener) {
        listeners.remove(listener);
    }

    public int activeStreams() {
        return active.size();
    }

    /** Chunks sent so far by each stream in flight. */
    public List<Integer> activeChunksSent() {
        return active.stream().map(ChunkPump::chunksSent).toList();
    }

    public long started() {
        return started.get();
    }

    public long completed() {
        return completed.get();
    }

    public long cancelled() {
        return cancelled.get();
    }

    public long failed() {
        return failed.get();
    }

    void streamStarted(ChunkPump pump) {
        started.incrementAndGet();
        active.add(pump);
    }

    Set<ChunkPump> activePumps() {
        return active;
    }

    void streamFinished(ChunkPump pump, CallRecord record) {
        active.remove(pump);
        recordFinished(record);
    }

    /** A call refused before streaming (bad id, unknown report). */
    void recordFinished(CallRecord record) {
        switch (record.status()) {
            case OK -> completed.incrementAndGet();
            case CANCELLED, DEADLINE_EXCEEDED -> cancelled.incrementAndGet();
            default -> failed.incrementAndGet();
        }
        for (Consumer<CallRecord> l : listeners) {
            l.accept(record);
        }
    }
}
