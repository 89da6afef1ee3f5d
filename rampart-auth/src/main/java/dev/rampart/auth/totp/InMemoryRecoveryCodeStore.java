package dev.rampart.auth.totp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link RecoveryCodeStore} for one process. Thread-safe. */
public final class InMemoryRecoveryCodeStore implements RecoveryCodeStore {

    private final ConcurrentMap<String, Set<String>> codes = new ConcurrentHashMap<>();

    @Override
    public void replace(String account, Set<String> hashes) {
        Set<String> set = ConcurrentHashMap.newKeySet();
        set.addAll(hashes);
        codes.put(account, set);
    }

    @Override
    public boolean consume(String account, String hash) {
        Set<String> set = codes.get(account);
        return set != null && set.remove(hash);
    }

    @Override
    public int remaining(String account) {
        Set<String> set = codes.get(account);
        return set == null ? 0 : set.size();
    }
}
