package dev.rampart.detect;

import dev.rampart.core.Alerter;
import dev.rampart.core.BanList;
import dev.rampart.core.CredentialRevoker;
import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the detector's narrow interfaces were asked to do, in one ordered log, so that tests can
 * check which actions ran and in which order.
 */
class Recorders implements BanList, CredentialRevoker, Alerter, EventBus {

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
    private final List<Listener> listeners = new ArrayList<>();

    @Override
    public Ban ban(String block, String reason, String source) {
        calls.add("ban " + block);
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        return new Ban(block, reason, source, now, now.plus(Duration.ofMinutes(10)), 1);
    }

    @Override
    public boolean isBanned(InetAddress address) {
        return false;
    }

    @Override
    public Optional<Ban> unban(String block) {
        return Optional.empty();
    }

    @Override
    public List<Ban> list() {
        return List.of();
    }

    @Override
    public boolean revoke(Kind kind, String id, String reason) {
        calls.add("revoke " + kind + " " + id);
        return true;
    }

    @Override
    public boolean disable(Kind kind, String id, String reason) {
        calls.add("disable " + kind + " " + id);
        return true;
    }

    @Override
    public boolean send(Alert alert) {
        calls.add("alert " + alert.kind());
        alerts.add(alert);
        return true;
    }

    /** Delivers synchronously to subscribers: the detector's own queue is what the test exercises. */
    @Override
    public CompletionStage<Void> publish(SecurityEvent event) {
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
}
