package dev.rampart.auth.password;

/**
 * Cost parameters of Argon2id (RFC 9106 §3.1): memory in KiB, passes over memory, lanes.
 *
 * <p>RFC 9106 §4 recommends two options. The first ({@link #RFC9106_FIRST_RECOMMENDED}: 2 GiB, one
 * pass, 4 lanes) is the stronger one, but 2 GiB per login is more than a gateway can spend on every
 * concurrent login attempt. The second ({@link #RFC9106_SECOND_RECOMMENDED}: 64 MiB, three passes,
 * 4 lanes) is the RFC's choice "if much less memory is available", and is {@link #DEFAULT}.
 */
public record Argon2idParameters(int memoryKiB, int iterations, int parallelism) {

    /** RFC 9106 §4, first recommended option: t=1, p=4, m=2 GiB. */
    public static final Argon2idParameters RFC9106_FIRST_RECOMMENDED = new Argon2idParameters(2 * 1024 * 1024, 1, 4);

    /** RFC 9106 §4, second recommended option: t=3, p=4, m=64 MiB. */
    public static final Argon2idParameters RFC9106_SECOND_RECOMMENDED = new Argon2idParameters(64 * 1024, 3, 4);

    public static final Argon2idParameters DEFAULT = RFC9106_SECOND_RECOMMENDED;

    /**
     * Upper bounds accepted when reading a stored hash, so that a tampered hash (say m=2^31) cannot
     * make a single verification allocate without limit: a denial of service through the store.
     */
    public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    public static final int MAX_ITERATIONS = 64;
    public static final int MAX_PARALLELISM = 255;

    /**
     * The least cost a deployment may configure for new hashes: the OWASP Password Storage Cheat
     * Sheet's minimum for Argon2id, 19 MiB with two passes (RFC 9106 §4 recommends more). Stored hashes
     * below it still verify; this record accepts them, only {@link #requireConfigurable} refuses them.
     */
    public static final int MIN_CONFIGURED_MEMORY_KIB = 19 * 1024;
    public static final int MIN_CONFIGURED_ITERATIONS = 2;

    public Argon2idParameters {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException(
                    "Argon2id parallelism must be between 1 and " + MAX_PARALLELISM + ", got " + parallelism);
        }
        // RFC 9106 §3.1: m is at least 8 * p KiB.
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory must be between 8 × parallelism ("
                    + 8 * parallelism + ") and " + MAX_MEMORY_KIB + " KiB, got " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "Argon2id iterations must be between 1 and " + MAX_ITERATIONS + ", got " + iterations);
        }
    }

    /**
     * Parameters an operator configured for new hashes: those of this record's bounds and at least
     * {@link #MIN_CONFIGURED_MEMORY_KIB} KiB and {@link #MIN_CONFIGURED_ITERATIONS} passes.
     *
     * @throws IllegalArgumentException naming the parameter and its allowed range
     */
    public static Argon2idParameters requireConfigurable(int memoryKiB, int iterations, int parallelism) {
        if (memoryKiB < MIN_CONFIGURED_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory must be between " + MIN_CONFIGURED_MEMORY_KIB + " and "
                    + MAX_MEMORY_KIB + " KiB for new hashes (OWASP minimum 19 MiB), got " + memoryKiB);
        }
        if (iterations < MIN_CONFIGURED_ITERATIONS) {
            throw new IllegalArgumentException("Argon2id iterations must be between " + MIN_CONFIGURED_ITERATIONS
                    + " and " + MAX_ITERATIONS + " for new hashes (OWASP minimum 2 at 19 MiB), got " + iterations);
        }
        return new Argon2idParameters(memoryKiB, iterations, parallelism);
    }
}
