package dev.rampart.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.SecurityEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedEventBusTest {

    private static SecurityEvent event(int n) {
        return SecurityEvent.system("test.event", SecurityEvent.Severity.INFO, "test", null, Map.of("n", Integer.toString(n)));
    }

    @Test
    void deliversEveryEventInOrderToEverySubscriber() throws Exception {
        try (BoundedEventBus bus = new BoundedEventBus(100, BoundedEventBus.OverflowPolicy.DROP)) {
            List<String> first = new CopyOnWriteArrayList<>();
            List<String> second = new CopyOnWriteArrayList<>();
            bus.subscribe(e -> first.add(e.details().get("n")));
            bus.subscribe(e -> second.add(e.details().get("n")));
            for (int i = 0; i < 50; i++) {
                bus.publish(event(i));
            }
            bus.close(5_000);
            assertThat(first).hasSize(50).startsWith("0", "1", "2").endsWith("49");
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void dropPolicyCountsDropsAndNeverMakesThePublisherWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (BoundedEventBus bus = new BoundedEventBus(2, BoundedEventBus.OverflowPolicy.DROP)) {
            bus.subscribe(e -> await(release));
            for (int i = 0; i < 10; i++) {
                assertThat(bus.publish(event(i)).toCompletableFuture().isDone()).isTrue();
            }
            // one event is held by the blocked listener, two are queued, the rest dropped
            assertThat(bus.droppedCount()).isBetween(7L, 8L);
            release.countDown();
        }
    }

    @Test
    void backpressurePolicyParksEventsAndLosesNone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        BoundedEventBus bus = new BoundedEventBus(2, BoundedEventBus.OverflowPolicy.BACKPRESSURE);
        bus.subscribe(e -> {
            await(release);
            seen.add(e.details().get("n"));
        });
        List<CompletableFuture<Void>> stages = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            stages.add(bus.publish(event(i)).toCompletableFuture());
        }
        assertThat(stages.get(9)).isNotDone();
        assertThat(bus.droppedCount()).isZero();
        release.countDown();
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        bus.close(5_000);
        assertThat(seen).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void aFailingListenerDoesNotStopDeliveryToOthers() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (BoundedEventBus bus = new BoundedEventBus(10, BoundedEventBus.OverflowPolicy.DROP)) {
            bus.subscribe(e -> {
                throw new IllegalStateException("listener bug");
            });
            bus.subscribe(e -> seen.add(e.type()));
            bus.publish(event(1));
            bus.publish(event(2));
            bus.close(5_000);
        }
        assertThat(seen).hasSize(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
