package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The frame budget without a toolkit: frames are called by hand, with made-up clock readings. */
class FramePacerTest {

    private static final long BUDGET = 1000;
    private static final long FRAME = FramePacer.FRAME_NANOS;

    private final AtomicInteger framesAskedFor = new AtomicInteger();
    private final FramePacer pacer = new FramePacer(BUDGET, framesAskedFor::incrementAndGet);
    private final List<String> requested = new ArrayList<>();

    private Runnable request(String who) {
        return () -> requested.add(who);
    }

    @Test
    void withinTheBudgetAStreamAsksAtOnceAndNoFrameIsNeeded() {
        pacer.pace(400, request("a"));
        pacer.pace(600, request("a"));

        assertThat(requested).containsExactly("a", "a");
        assertThat(framesAskedFor).hasValue(0);
        assertThat(pacer.waitingCount()).isZero();
    }

    @Test
    void overTheBudgetTheRequestWaitsForTheNextFrameWhichIsAskedForOnce() {
        pacer.pace(900, request("a"));
        pacer.pace(900, request("b")); // over: waits
        pacer.pace(10, request("c")); // within the (now negative) budget? no: and b came first anyway

        assertThat(requested).containsExactly("a");
        assertThat(pacer.waitingCount()).isEqualTo(2);
        assertThat(framesAskedFor).as("one frame asked for, however many wait").hasValue(1);

        pacer.onFrame(0);
        assertThat(requested).containsExactly("a", "b", "c");
        assertThat(pacer.waitingCount()).isZero();
    }

    @Test
    void waitingStreamsGoInTurnAndDebtsCarryOver() {
        pacer.pace(3000, request("a")); // budget 1000 - 3000 = -2000: three frames' worth at once
        pacer.pace(10, request("b")); // -2010
        assertThat(requested).isEmpty();

        long t = 0;
        pacer.onFrame(t); // -1010
        assertThat(requested).isEmpty();
        pacer.onFrame(t += FRAME); // -10
        assertThat(requested).isEmpty();
        pacer.onFrame(t += FRAME); // 990: both go, in the order they came
        assertThat(requested).containsExactly("a", "b");
        assertThat(framesAskedFor.get()).as("asked when a waited, then by each frame that left it waiting")
                .isEqualTo(3);
    }

    @Test
    void lateFramesRefillLessAndIdlePausesDoNotCount() {
        long t = 0;
        pacer.onFrame(t);
        pacer.pace(BUDGET, request("x")); // budget now 0
        pacer.onFrame(t += 4 * FRAME); // four frames late: a quarter refilled
        pacer.pace(BUDGET / 4, request("q")); // exactly what is left
        assertThat(requested).containsExactly("x", "q");
        pacer.pace(1, request("over"));
        assertThat(requested).containsExactly("x", "q");

        pacer.onFrame(t += 30 * FRAME); // very late: the floor, 1/8, less the 1 byte "over" owed
        assertThat(requested).containsExactly("x", "q", "over");
        pacer.pace((long) (BUDGET * FramePacer.MIN_SHARE) - 1, request("floor"));
        assertThat(requested).endsWith("floor");
        pacer.pace(1, request("beyond the floor"));
        assertThat(requested).endsWith("floor");

        pacer.onFrame(t += FramePacer.IDLE_NANOS + FRAME); // a quiet spell is not lateness: a full refill
        assertThat(requested).endsWith("beyond the floor");
        pacer.pace(BUDGET - 2, request("full"));
        assertThat(requested).endsWith("full");
    }

    @Test
    void unusedBudgetIsNotSavedUp() {
        long t = 0;
        for (int i = 0; i < 10; i++) {
            pacer.onFrame(t += FRAME);
        }
        pacer.pace(BUDGET + 1, request("burst"));
        assertThat(requested).isEmpty();
    }

    @Test
    void manyStreamsAndAFrameThreadLoseNoRequest() throws Exception {
        int streams = 8;
        int requestsEach = 2000;
        AtomicInteger ran = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        FramePacer shared = new FramePacer(64 << 10, () -> { });
        Thread frames = new Thread(() -> {
            long t = 0;
            while (!stop.get()) {
                shared.onFrame(t += FRAME);
                Thread.onSpinWait();
            }
        });
        frames.start();
        CountDownLatch done = new CountDownLatch(streams);
        for (int s = 0; s < streams; s++) {
            new Thread(() -> {
                // Like a call: the next request only after the previous one has gone out.
                Runnable[] next = new Runnable[1];
                AtomicInteger left = new AtomicInteger(requestsEach);
                next[0] = () -> {
                    ran.incrementAndGet();
                    if (left.decrementAndGet() > 0) {
                        shared.pace(16 << 10, next[0]);
                    } else {
                        done.countDown();
                    }
                };
                shared.pace(16 << 10, next[0]);
            }).start();
        }
        try {
            assertThat(done.await(30, TimeUnit.SECONDS)).as("every stream got all its requests through").isTrue();
        } finally {
            stop.set(true);
            frames.join();
        }
        assertThat(ran).hasValue(streams * requestsEach);
        assertThat(shared.waitingCount()).isZero();
    }

    // The adaptive budget: a made-up clock says when a frame was asked for; onFrame says when it came.

    private final java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();

    private FramePacer adaptive(long initial, long min, long max) {
        return new FramePacer(initial, min, max, framesAskedFor::incrementAndGet, clock::get);
    }

    /** Streams use up the budget, so the next frame is asked for at {@code askAt} and comes at {@code frameAt}. */
    private static void holdBackThenFrame(FramePacer p, java.util.concurrent.atomic.AtomicLong clock, long askAt,
            long frameAt) {
        clock.set(askAt);
        p.pace(p.bytesPerFrame() + 1, () -> { });
        p.onFrame(frameAt);
    }

    @Test
    void framesOnTimeWhileStreamsWaitRaiseTheBudgetUpToItsCap() {
        FramePacer p = adaptive(1000, 100, 2000);
        p.onFrame(0);
        holdBackThenFrame(p, clock, 1, FRAME);
        assertThat(p.bytesPerFrame()).isEqualTo(1100);
        holdBackThenFrame(p, clock, FRAME + 1, 2 * FRAME);
        assertThat(p.bytesPerFrame()).isEqualTo(1210);
        for (int i = 3; i < 20; i++) {
            holdBackThenFrame(p, clock, (i - 1) * FRAME + 1, i * FRAME);
        }
        assertThat(p.bytesPerFrame()).isEqualTo(2000);
    }

    @Test
    void lateFramesLowerTheBudgetInProportionDownToItsFloor() {
        FramePacer p = adaptive(1000, 100, 2000);
        p.onFrame(0);
        long late = 4 * FRAME; // over twice the on-time limit (1.25 frames)
        holdBackThenFrame(p, clock, 0, late);
        assertThat(p.bytesPerFrame()).isEqualTo(500);
        holdBackThenFrame(p, clock, late, late + 2 * FRAME); // 1.6 × the limit: 1.25 / 2 of it
        assertThat(p.bytesPerFrame()).isEqualTo(312);
        long t = late + 2 * FRAME;
        for (int i = 0; i < 10; i++) {
            holdBackThenFrame(p, clock, t, t += 10 * FRAME); // very late: at most halved each time
        }
        assertThat(p.bytesPerFrame()).isEqualTo(100);
    }

    @Test
    void aFrameALittleLateLowersTheBudgetAndFramesNobodyWaitedForLeaveItAlone() {
        FramePacer p = adaptive(1000, 100, 2000);
        p.onFrame(0);
        // 25 ms instead of 16.7: no band of tolerated lateness (one let 8 tabs settle at 28 ms a frame)
        holdBackThenFrame(p, clock, 0, FRAME * 3 / 2);
        assertThat(p.bytesPerFrame()).isEqualTo(833);
        p.onFrame(10 * FRAME); // late, but no stream was waiting: the window was merely idle
        p.onFrame(11 * FRAME); // on time, but nobody waited: no demand to grow for
        assertThat(p.bytesPerFrame()).isEqualTo(833);
    }

    @Test
    void aLateFrameWhileStreamsTookTheirShareWithoutWaitingLowersTheBudgetToo() {
        FramePacer p = adaptive(1000, 100, 2000);
        p.onFrame(0);
        // Over TCP chunks trickle in: the streams stay within the budget, nobody waits, yet their work
        // makes the frame come at 2 frame times.
        p.pace(400, () -> { });
        p.onFrame(2 * FRAME);
        assertThat(p.bytesPerFrame()).isEqualTo(624); // 1000 × 1.25 / 2, rounded down
        // On time with streams flowing: no change (growing needs streams that waited for the frame).
        p.pace(100, () -> { });
        p.onFrame(3 * FRAME);
        assertThat(p.bytesPerFrame()).isEqualTo(624);
        assertThat(framesAskedFor).hasValue(0);
    }

    @Test
    void lateAskedForFrameIsTimedFromTheAskNotFromAQuietSpellBefore() {
        FramePacer p = adaptive(1000, 100, 2000);
        p.onFrame(0);
        holdBackThenFrame(p, clock, 500 * FRAME / 10, 51 * FRAME); // asked after 50 quiet frames, shown a frame later
        assertThat(p.bytesPerFrame()).isEqualTo(1100);
    }

    @Test
    void theFixedPacerKeepsItsBudget() {
        pacer.onFrame(0);
        pacer.pace(BUDGET + 1, request("a"));
        pacer.onFrame(FRAME);
        pacer.pace(BUDGET + 1, request("b"));
        pacer.onFrame(10 * FRAME);
        assertThat(pacer.bytesPerFrame()).isEqualTo(BUDGET);
        // The window's pacer starts low (a stream's first frames are its dearest) and grows from there.
        assertThat(FramePacer.adaptive(() -> { }).bytesPerFrame()).isEqualTo(FramePacer.MIN_ADAPTIVE_BYTES);
    }

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> new FramePacer(0, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
