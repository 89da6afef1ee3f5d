package dev.rampart.ratelimit;

import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivers each event at once on the publishing thread and keeps it, so tests can look at what was emitted. */
final class RecordingEventBus implements EventBus {

    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> publish(SecurityEvent event) {
        events.add(event);
        listeners.forEach(l -> l.onEvent(event));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public long droppedCount() {
        return 0;
    }

    @Override
    public int queuedCount() {
        return 0;
    }

    List<String> types() {
        return events.stream().map(SecurityEvent::type).toList();
    }
}
