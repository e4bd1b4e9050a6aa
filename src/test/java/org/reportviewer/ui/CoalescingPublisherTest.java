package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CoalescingPublisherTest {

    @Test
    void manyEventsFromManyThreadsCostOneUiTaskThatDrainsAllInOrder() throws Exception {
        ManualUiExecutor ui = new ManualUiExecutor();
        List<List<String>> batches = new ArrayList<>();
        CoalescingPublisher<String> publisher = new CoalescingPublisher<>(ui, batches::add);

        int threads = 4;
        int perThread = 2_500;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    publisher.publish(id + ":" + i);
                }
                done.countDown();
            }).start();
        }
        done.await();

        assertThat(ui.pending()).as("UI tasks scheduled for 10,000 events").isEqualTo(1);
        ui.runPending();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<Integer> order = batches.get(0).stream().filter(s -> s.startsWith(prefix))
                    .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList();
            assertThat(order).as("events of one producer keep their order").isSorted().hasSize(perThread);
        }
        assertThat(publisher.drainCount()).isEqualTo(1);
    }

    @Test
    void anEventAfterADrainSchedulesTheNextOne() {
        ManualUiExecutor ui = new ManualUiExecutor();
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CoalescingPublisher<Integer> publisher = new CoalescingPublisher<>(ui, batches::add);

        publisher.publish(1);
        publisher.publish(2);
        ui.runPending();
        publisher.publish(3);
        assertThat(ui.pending()).isEqualTo(1);
        ui.runPending();

        assertThat(batches).containsExactly(List.of(1, 2), List.of(3));
    }

    @Test
    void anEventPublishedWhileDrainingIsNotStranded() {
        ManualUiExecutor ui = new ManualUiExecutor();
        List<Integer> seen = new ArrayList<>();
        CoalescingPublisher<Integer>[] self = new CoalescingPublisher[1];
        self[0] = new CoalescingPublisher<>(ui, batch -> {
            seen.addAll(batch);
            if (batch.contains(1)) {
                self[0].publish(2); // as a gRPC thread would, racing with the drain
            }
        });
        self[0].publish(1);
        ui.runPending();

        assertThat(seen).containsExactly(1, 2);
        assertThat(self[0].drainCount()).isEqualTo(2);
    }
}
