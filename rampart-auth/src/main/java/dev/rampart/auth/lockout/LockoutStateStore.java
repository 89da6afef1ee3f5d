package dev.rampart.auth.lockout;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Where {@link BruteForceProtector} keeps its {@link LockoutState}s; shared by all nodes in a cluster. */
public interface LockoutStateStore {

    Optional<LockoutState> get(String key);

    /** Applies {@code change} to the key's state ({@link LockoutState#CLEAR} if none) atomically, and returns the result. */
    LockoutState update(String key, UnaryOperator<LockoutState> change);

    void remove(String key);

    /** Removes every state matching the filter; used to forget stale entries. */
    void removeIf(Predicate<LockoutState> filter);
}
