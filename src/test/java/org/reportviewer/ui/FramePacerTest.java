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

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> new FramePacer(0, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
