package dev.rampart.auth.signature;

import java.time.Instant;

/**
 * Remembers what has been accepted until it expires, so that a captured signed request cannot be sent
 * again while its timestamp is still within tolerance (or its nonce is still remembered). One
 * process uses {@link InMemoryReplayGuard}; a cluster needs a shared one (Redis), or a request
 * accepted by one node replays on another.
 */
public interface ReplayGuard {

    /**
     * Records {@code key} until {@code expiresAt}, atomically.
     *
     * @return true if the key was not already recorded and unexpired; false for a replay, or when
     *     the guard cannot record it (full): refusing is the safe answer then
     */
    boolean firstSeen(String key, Instant expiresAt);
}
