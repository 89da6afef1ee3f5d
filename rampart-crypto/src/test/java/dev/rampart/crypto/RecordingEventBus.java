package dev.rampart.crypto;

import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every published event, for assertions on what was audited. */
final class RecordingEventBus implements EventBus {

    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> publish(SecurityEvent event) {
        events.add(event);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void subscribe(Listener listener) {
        throw new UnsupportedOperationException("tests read the events list");
    }

    @Override
    public long droppedCount() {
        return 0;
    }

    @Override
    public int queuedCount() {
        return 0;
    }

    List<SecurityEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
