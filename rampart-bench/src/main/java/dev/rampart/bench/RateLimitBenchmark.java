package dev.rampart.bench;

import dev.rampart.core.BanList.Ban;
import dev.rampart.core.HeaderMap;
import dev.rampart.core.Principal;
import dev.rampart.core.config.LimitConfig;
import dev.rampart.core.config.LimitKey;
import dev.rampart.core.config.RateLimitConfig;
import dev.rampart.core.config.RouteRateLimitConfig;
import dev.rampart.gateway.guard.CelKeyExpressions;
import dev.rampart.ratelimit.InMemoryLimiterState;
import dev.rampart.ratelimit.RateLimitOutcome;
import dev.rampart.ratelimit.RateLimitRequest;
import dev.rampart.ratelimit.RateLimiter;
import dev.rampart.ratelimit.RouteLimiter;
import dev.rampart.ratelimit.internal.BanIndex;
import dev.rampart.ratelimit.internal.Block;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A route's rate-limit check as the gateway makes it per request ({@link RouteLimiter#check}):
 * two token-bucket limits keyed by client IP (a per-second burst and an hourly limit, in one
 * Bucket4j bucket), in-memory state, the system clock, the RateLimit header values built. Limits
 * are high enough that every request is allowed (checked in setup; the hot key's are scaled to a
 * million requests a second), so each case measures the path of an allowed request, the common one.
 * <ul>
 * <li>{@code oneHotKey}: the same client every time (its bucket stays in cache);
 * <li>{@code across100kKeys}: 100,000 clients in turn, their buckets created in setup and found
 *     among the others (Caffeine, bounded to 200,000 keys): cache misses, the steady state of a busy API;
 * <li>{@code newClientEachTime}: a client never seen before every time (a flood from many
 *     addresses): a bucket created each time and, once the bound is reached, the least recently
 *     used one evicted; includes building the request's {@code InetAddress};
 * <li>{@code celKeyedOneTenant} / {@code celKeyedAcross100kTenants}: the same two limits keyed by
 *     the CEL expression {@code principal.attributes.org + ':' + request.headers['x-tenant']}
 *     (compiled as the gateway compiles it, {@link CelKeyExpressions}), over one tenant or 100,000
 *     tenants in turn: the expression's cost (the request's variables built, evaluated, the value
 *     hashed) on top of the check;
 * <li>{@code banLookupHit} / {@code banLookupMiss}: the connection-accept ban check over 10,000
 *     bans (IPv4 addresses, IPv4 /24s, IPv6 /64s).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RateLimitBenchmark {

    private static final int KEYS = 100_000;
    private static final int BANS = 10_000;

    private RouteLimiter hotLimiter;
    private RouteLimiter limiter;
    private RouteLimiter celHotLimiter;
    private RouteLimiter celLimiter;
    private RateLimitRequest celHot;
    private RateLimitRequest[] tenants;
    private int nextTenant;
    private RateLimitRequest hot;
    private RateLimitRequest[] many;
    private int next;
    private int fresh;
    private BanIndex bans;
    private InetAddress banned;
    private InetAddress notBanned;
    private long nowMillis;

    @Setup
    public void setUp() throws UnknownHostException {
        Clock clock = Clock.systemUTC();
        RateLimitConfig config = RateLimitConfig.defaults();
        RateLimiter rateLimiter = RateLimiter.create(config, new InMemoryLimiterState(2 * KEYS, clock), null, clock);
        // one client sending a million requests a second needs limits that high to stay allowed
        hotLimiter = rateLimiter.forRoute("hot", new RouteRateLimitConfig(false, List.of(
                new LimitConfig("burst", 10_000_000L, Duration.ofSeconds(1), LimitKey.client_ip, null, null, null),
                new LimitConfig("hourly", 36_000_000_000L, Duration.ofHours(1), LimitKey.client_ip, null, null, null)),
                null, null), "routes[0].rate-limit");
        // 100,000 clients in turn: each sends a few requests a second, under everyday limits
        limiter = rateLimiter.forRoute("orders", new RouteRateLimitConfig(false, List.of(
                new LimitConfig("burst", 100L, Duration.ofSeconds(1), LimitKey.client_ip, null, null, null),
                new LimitConfig("hourly", 100_000L, Duration.ofHours(1), LimitKey.client_ip, null, null, null)),
                null, null), "routes[1].rate-limit");
        hot = new RateLimitRequest(null, InetAddress.getByName("192.0.2.7"), new HeaderMap());
        many = new RateLimitRequest[KEYS];
        for (int i = 0; i < KEYS; i++) {
            byte[] address = {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            many[i] = new RateLimitRequest(null, InetAddress.getByAddress(address), new HeaderMap());
        }
        for (RateLimitRequest request : many) {
            limiter.check(request); // every bucket exists before measuring: this case is about finding them
        }
        String tenantKey = "principal.attributes.org + ':' + request.headers['x-tenant']";
        // its own state, so that the cases above find their buckets among as many as before
        RateLimiter celRateLimiter = RateLimiter.create(config, new InMemoryLimiterState(2 * KEYS, clock), null, clock,
                new CelKeyExpressions(clock));
        celHotLimiter = celRateLimiter.forRoute("cel-hot", new RouteRateLimitConfig(false, List.of(
                new LimitConfig("burst", 10_000_000L, Duration.ofSeconds(1), LimitKey.expression, null, null, tenantKey),
                new LimitConfig("hourly", 36_000_000_000L, Duration.ofHours(1), LimitKey.expression, null, null, tenantKey)),
                null, null), "routes[2].rate-limit");
        celLimiter = celRateLimiter.forRoute("cel", new RouteRateLimitConfig(false, List.of(
                new LimitConfig("burst", 100L, Duration.ofSeconds(1), LimitKey.expression, null, null, tenantKey),
                new LimitConfig("hourly", 100_000L, Duration.ofHours(1), LimitKey.expression, null, null, tenantKey)),
                null, null), "routes[3].rate-limit");
        celHot = tenantRequest(0);
        tenants = new RateLimitRequest[KEYS];
        for (int i = 0; i < KEYS; i++) {
            tenants[i] = tenantRequest(i);
            celLimiter.check(tenants[i]);
        }
        for (RateLimitOutcome outcome : List.of(hotLimiter.check(hot), limiter.check(many[0]), limiter.check(many[KEYS - 1]),
                celHotLimiter.check(celHot), celLimiter.check(tenants[KEYS - 1]))) {
            if (!outcome.allowed() || outcome.rateLimitHeaderValue().isEmpty() || !outcome.keyFallbacks().isEmpty()) {
                throw new IllegalStateException("setup: the benchmark must measure allowed requests, got " + outcome);
            }
        }

        bans = new BanIndex();
        Random random = new Random(20_261_126);
        Instant now = Instant.now();
        Instant until = now.plus(Duration.ofDays(1));
        for (int i = 0; i < BANS; i++) {
            byte[] v4 = {(byte) (1 + random.nextInt(200)), (byte) random.nextInt(256), (byte) random.nextInt(256), (byte) random.nextInt(256)};
            byte[] v6 = new byte[16];
            random.nextBytes(v6);
            v6[0] = 0x20;
            Block block = switch (i % 3) {
                case 0 -> Block.of(InetAddress.getByAddress(v4), 32);
                case 1 -> Block.of(InetAddress.getByAddress(v4), 24);
                default -> Block.of(InetAddress.getByAddress(v6), 64);
            };
            bans.put(block, new Ban(block.text(), "bench", "bench", now, until, 1));
        }
        banned = InetAddress.getByName(bans.all().iterator().next().block().split("/")[0]);
        notBanned = InetAddress.getByName("203.0.113.250");
        nowMillis = now.toEpochMilli();
        if (bans.find(banned, nowMillis) == null || bans.find(notBanned, nowMillis) != null) {
            throw new IllegalStateException("setup: the ban lookups do not take the hit and miss paths");
        }
    }

    @Benchmark
    public RateLimitOutcome oneHotKey() {
        return hotLimiter.check(hot);
    }

    @Benchmark
    public RateLimitOutcome across100kKeys() {
        RateLimitRequest request = many[next];
        next = next + 1 == KEYS ? 0 : next + 1;
        return limiter.check(request);
    }

    @Benchmark
    public RateLimitOutcome newClientEachTime() throws UnknownHostException {
        int n = ++fresh;
        byte[] address = {(byte) (100 + (n >>> 24 & 0x3F)), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        return limiter.check(new RateLimitRequest(null, InetAddress.getByAddress(address), null));
    }

    @Benchmark
    public RateLimitOutcome celKeyedOneTenant() {
        return celHotLimiter.check(celHot);
    }

    @Benchmark
    public RateLimitOutcome celKeyedAcross100kTenants() {
        RateLimitRequest request = tenants[nextTenant];
        nextTenant = nextTenant + 1 == KEYS ? 0 : nextTenant + 1;
        return celLimiter.check(request);
    }

    /** A caller of org {@code org-(i % 100)} sending {@code X-Tenant: tenant-i}: 100,000 distinct keys for distinct i. */
    private static RateLimitRequest tenantRequest(int i) {
        SampleExchange exchange = new SampleExchange("https", "api.example.com", "/orders");
        exchange.request().headers().set("X-Tenant", "tenant-" + i);
        exchange.setPrincipal(new Principal("user-" + i, Principal.Type.USER, "jwt", Set.of(), Set.of(),
                Map.of("org", "org-" + (i % 100))));
        return RateLimitRequest.of(exchange);
    }

    @Benchmark
    public Ban banLookupHit() {
        return bans.find(banned, nowMillis);
    }

    @Benchmark
    public Ban banLookupMiss() {
        return bans.find(notBanned, nowMillis);
    }
}
