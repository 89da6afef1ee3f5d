package dev.rampart.ratelimit;

import dev.rampart.core.config.ConcurrencyLimitConfig;
import dev.rampart.core.config.LimitConfig;
import dev.rampart.core.config.LimitKey;
import dev.rampart.core.config.QuotaConfig;
import dev.rampart.ratelimit.internal.KeySelector;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The limits of one route or one plan, compiled once per config load: token-bucket limits that
 * count by the same key grouped into one Bucket4j bucket (whose bandwidths are consumed
 * atomically, all or none), sliding windows, quotas and concurrency limits, each with its key.
 */
final class LimitSet {

    /** The most a sliding-window limit may allow per window: its log costs 8 bytes per unit per key. */
    static final long MAX_SLIDING_WINDOW_LIMIT = 100_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** @param names the limits' names for reports, e.g. {@code burst, hourly} */
    record BucketGroup(String id, KeySelector key, BucketConfiguration configuration, List<LimitConfig> limits, String names) {
    }

    record Window(LimitConfig limit, KeySelector key, String id) {
        long windowNanos() {
            return limit.window().toNanos();
        }
    }

    /** @param windowSeconds the nominal period length sent as {@code w}: 86400 for a day, 30 days for a month */
    record Quota(QuotaConfig quota, KeySelector key, String id, long windowSeconds) {
    }

    record Concurrency(ConcurrencyLimitConfig limit, KeySelector key, String id) {
    }

    final String scope;
    final List<BucketGroup> buckets;
    final List<Window> windows;
    final List<Quota> quotas;
    final List<Concurrency> concurrency;
    final List<String> policyNames;
    final String policyHeader;

    private LimitSet(String scope, List<BucketGroup> buckets, List<Window> windows, List<Quota> quotas,
            List<Concurrency> concurrency, List<String> policyNames, String policyHeader) {
        this.scope = scope;
        this.buckets = buckets;
        this.windows = windows;
        this.quotas = quotas;
        this.concurrency = concurrency;
        this.policyNames = policyNames;
        this.policyHeader = policyHeader;
    }

    /** The longest window of the set's rate limits (quotas and concurrency limits hold no per-key state here). */
    Duration longestWindow() {
        Duration longest = Duration.ZERO;
        for (BucketGroup group : buckets) {
            for (LimitConfig limit : group.limits()) {
                longest = limit.window().compareTo(longest) > 0 ? limit.window() : longest;
            }
        }
        for (Window window : windows) {
            longest = window.limit().window().compareTo(longest) > 0 ? window.limit().window() : longest;
        }
        return longest;
    }

    /**
     * Compiles and checks a set of limits.
     *
     * @param scope what the counters belong to, e.g. {@code route:orders} or {@code plan:gold}
     * @param path the config path for messages, e.g. {@code rate-limits.plans.gold}
     * @param expressions compiles {@code key: expression} keys; null when none may be used
     * @throws IllegalArgumentException naming the config path of the first invalid entry and what is allowed
     */
    static LimitSet compile(String scope, String path, List<LimitConfig> limits, List<QuotaConfig> quotas,
            List<ConcurrencyLimitConfig> concurrency, KeyExpression.Compiler expressions) {
        Keys keys = new Keys(expressions);
        Map<KeySelector, List<LimitConfig>> bucketLimits = new LinkedHashMap<>();
        List<Window> windows = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        List<String> policyNames = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            LimitConfig limit = limits.get(i);
            String at = path + ".limits[" + i + "]";
            KeySelector key = keys.check(at, limit.name(), limit.key(), limit.header(), limit.expression());
            require(limit.limit() != null && limit.limit() >= 1, at + ".limit is " + limit.limit() + "; it must be at least 1");
            require(limit.window() != null && limit.window().compareTo(Duration.ofSeconds(1)) >= 0 && limit.window().getNano() == 0,
                    at + ".window is " + limit.window() + "; it must be a whole number of seconds, at least 1s "
                            + "(RateLimit headers count in seconds)");
            require(limit.limit() <= limit.window().toNanos(), at + ".limit is " + limit.limit() + " per "
                    + limit.window().getSeconds() + "s; at most one request per nanosecond (1000000000 per second) can be counted");
            if (limit.algorithm() == LimitConfig.Algorithm.sliding_window) {
                require(limit.limit() <= MAX_SLIDING_WINDOW_LIMIT, at + ".limit is " + limit.limit()
                        + "; a sliding-window limit allows at most " + MAX_SLIDING_WINDOW_LIMIT
                        + " per window (it keeps the time of each request): use algorithm token_bucket for larger limits");
                windows.add(new Window(limit, key, scope + "|" + limit.name()));
            } else {
                bucketLimits.computeIfAbsent(key, k -> new ArrayList<>()).add(limit);
            }
            appendPolicy(header, limit.name(), limit.limit(), limit.window().getSeconds());
            policyNames.add(limit.name());
        }
        List<BucketGroup> buckets = new ArrayList<>();
        for (Map.Entry<KeySelector, List<LimitConfig>> e : bucketLimits.entrySet()) {
            List<Bandwidth> bandwidths = new ArrayList<>();
            List<String> groupNames = new ArrayList<>();
            for (LimitConfig limit : e.getValue()) {
                // greedy refill: tokens come back continuously (limit/window per unit of time), not all at a window's end,
                // so a client cannot spend a whole allowance at the end of one window and again at the start of the next
                bandwidths.add(Bandwidth.builder().capacity(limit.limit()).refillGreedy(limit.limit(), limit.window())
                        .id(limit.name()).build());
                groupNames.add(limit.name());
            }
            buckets.add(new BucketGroup(scope + "|" + String.join("+", groupNames), e.getKey(),
                    new BucketConfiguration(bandwidths), List.copyOf(e.getValue()), String.join(", ", groupNames)));
        }
        List<Quota> compiledQuotas = new ArrayList<>();
        for (int i = 0; i < quotas.size(); i++) {
            QuotaConfig quota = quotas.get(i);
            String at = path + ".quotas[" + i + "]";
            KeySelector key = keys.check(at, quota.name(), quota.key(), quota.header(), quota.expression());
            require(quota.limit() != null && quota.limit() >= 1, at + ".limit is " + quota.limit() + "; it must be at least 1");
            require(quota.period() != null, at + ".period is missing; write day or month");
            long periodSeconds = quota.period() == QuotaConfig.Period.day ? 86_400 : 2_592_000;
            compiledQuotas.add(new Quota(quota, key, scope + "/" + quota.name(), periodSeconds));
            appendPolicy(header, quota.name(), quota.limit(), periodSeconds);
            policyNames.add(quota.name());
        }
        List<Concurrency> compiledConcurrency = new ArrayList<>();
        for (int i = 0; i < concurrency.size(); i++) {
            ConcurrencyLimitConfig limit = concurrency.get(i);
            String at = path + ".concurrency[" + i + "]";
            KeySelector key = keys.check(at, limit.name(), limit.key(), limit.header(), limit.expression());
            require(limit.maxInFlight() != null && limit.maxInFlight() >= 1,
                    at + ".max-in-flight is " + limit.maxInFlight() + "; it must be at least 1");
            compiledConcurrency.add(new Concurrency(limit, key, scope + "|" + limit.name()));
        }
        return new LimitSet(scope, List.copyOf(buckets), List.copyOf(windows), List.copyOf(compiledQuotas),
                List.copyOf(compiledConcurrency), List.copyOf(policyNames), header.toString());
    }

    /** The names and keys of one set's entries: names unique, each expression compiled once however often it is used. */
    private static final class Keys {
        private final KeyExpression.Compiler compiler;
        private final Set<String> names = new HashSet<>();
        private final Map<String, KeySelector> expressions = new HashMap<>();

        Keys(KeyExpression.Compiler compiler) {
            this.compiler = compiler;
        }

        KeySelector check(String at, String name, LimitKey key, String header, String expression) {
            require(name != null && NAME.matcher(name).matches(), at + ".name is " + (name == null ? "missing" : "'" + name + "'")
                    + "; use 1 to 64 letters, digits, '-' or '_' (it is sent as a policy name in RateLimit headers)");
            require(names.add(name), at + ".name '" + name + "' is used twice; names must be unique within a route or plan");
            require(key != LimitKey.header || (header != null && !header.isBlank()),
                    at + ".header is missing; a limit with key 'header' names the header to count by");
            require(key == LimitKey.expression || expression == null, at + ".expression is set, but key is " + key
                    + "; write key: expression to count by the expression, or remove it");
            if (key != LimitKey.expression) {
                return new KeySelector(key, key == LimitKey.header ? header : null);
            }
            require(expression != null && !expression.isBlank(), at + ".expression is missing; a limit with key "
                    + "'expression' counts by the value of a CEL expression, e.g. expression: \"principal.attributes.org + ':' + "
                    + "request.headers['x-tenant']\"");
            require(compiler != null, at + ".expression: key expressions need an expression compiler, and none was given "
                    + "(RateLimiter.create with a KeyExpression.Compiler; the gateway passes its CEL compiler)");
            KeySelector known = expressions.get(expression);
            if (known != null) {
                return known;
            }
            KeySelector selector = new KeySelector(key, null, expression, compiler.compile(expression, at + ".expression"));
            expressions.put(expression, selector);
            return selector;
        }
    }

    // RateLimit-Policy items (draft-ietf-httpapi-ratelimit-headers §4): a quoted policy name, q = quota, w = window seconds
    private static void appendPolicy(StringBuilder header, String name, long quota, long windowSeconds) {
        if (header.length() > 0) {
            header.append(", ");
        }
        header.append('"').append(name).append("\";q=").append(quota).append(";w=").append(windowSeconds);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
