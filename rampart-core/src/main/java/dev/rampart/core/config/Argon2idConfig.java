package dev.rampart.core.config;

/**
 * The Argon2id cost of new password hashes ({@code users.argon2id:}). Stored hashes keep the
 * parameters they were made with and still verify; a user's hash is re-made with these at their next
 * successful login.
 */
public record Argon2idConfig(
        @Doc("Memory per hash in KiB. Default 65536 (64 MiB, RFC 9106's second recommended option); at least "
                + "19456 (19 MiB, the OWASP minimum), at most 4194304.")
        Integer memoryKib,
        @Doc("Passes over the memory. Default 3; 2 to 64 allowed (2 is the OWASP minimum at 19 MiB).")
        Integer iterations,
        @Doc("Lanes. Default 4; 1 to 255 allowed.") Integer parallelism) {

    public static final int DEFAULT_MEMORY_KIB = 64 * 1024;
    public static final int DEFAULT_ITERATIONS = 3;
    public static final int DEFAULT_PARALLELISM = 4;

    public Argon2idConfig {
        memoryKib = memoryKib == null ? DEFAULT_MEMORY_KIB : memoryKib;
        iterations = iterations == null ? DEFAULT_ITERATIONS : iterations;
        parallelism = parallelism == null ? DEFAULT_PARALLELISM : parallelism;
    }

    public static Argon2idConfig defaults() {
        return new Argon2idConfig(null, null, null);
    }
}
