package dev.rampart.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's JWKS fetched over HTTP and cached.
 *
 * <ul>
 *   <li>The set is refetched once older than {@code refreshAfter}, or when a token names a key
 *       that the set does not hold (rotation), but never more than once per
 *       {@code minRefreshInterval}, successful or not: a flood of tokens with random {@code kid}s
 *       cannot turn the gateway into an amplifier against the identity provider.
 *   <li>If a fetch fails, the last good set keeps being used until {@code refreshAfter +
 *       outageTolerance} after it was fetched; then every token of this issuer is rejected with
 *       {@link RejectionReason#KEYS_UNAVAILABLE} (fail closed) until a fetch succeeds.
 *   <li>One fetch at a time; concurrent callers wait for it and then use its result.
 *   <li>Connect and read timeouts, no redirects, a response size limit.
 * </ul>
 */
final class RemoteJwks implements KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);

    private record Snapshot(List<JWK> keys, Instant fetchedAt) {}

    private final URI uri;
    private final TrustedIssuer.JwksOptions options;
    private final HttpClient client;
    private final ReentrantLock fetchLock = new ReentrantLock();
    private volatile Snapshot snapshot;
    private volatile Instant lastAttempt;

    RemoteJwks(URI uri, TrustedIssuer.JwksOptions options) {
        this.uri = uri;
        this.options = options;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public List<JWK> select(JWKMatcher matcher, Instant now) throws JwtRejectedException {
        Snapshot seen = snapshot;
        if (seen == null || isDue(seen, now)) {
            seen = refresh(seen, now);
        }
        if (seen == null || isBeyondOutageTolerance(seen, now)) {
            throw new JwtRejectedException(
                    RejectionReason.KEYS_UNAVAILABLE, "JWKS of the issuer could not be fetched");
        }
        List<JWK> found = filter(seen, matcher);
        if (found.isEmpty()) {
            // An unknown kid usually means the issuer rotated its keys (RFC 7517 §5, OpenID Connect Core §10.1.1).
            Snapshot refreshed = refresh(seen, now);
            if (refreshed != seen && refreshed != null) {
                found = filter(refreshed, matcher);
            }
        }
        if (found.isEmpty()) {
            throw new JwtRejectedException(RejectionReason.UNKNOWN_KEY, "no key of the issuer matches kid and alg");
        }
        return found;
    }

    @Override
    public boolean wouldFetch(JWKMatcher matcher, Instant now) {
        Snapshot seen = snapshot;
        boolean needed = seen == null || isDue(seen, now) || filter(seen, matcher).isEmpty();
        return needed && !isRateLimited(now);
    }

    private boolean isDue(Snapshot s, Instant now) {
        return !now.isBefore(s.fetchedAt().plus(options.refreshAfter()));
    }

    private boolean isBeyondOutageTolerance(Snapshot s, Instant now) {
        return now.isAfter(s.fetchedAt().plus(options.refreshAfter()).plus(options.outageTolerance()));
    }

    private boolean isRateLimited(Instant now) {
        Instant last = lastAttempt;
        return last != null && now.isBefore(last.plus(options.minRefreshInterval()));
    }

    private static List<JWK> filter(Snapshot s, JWKMatcher matcher) {
        return s.keys().stream().filter(matcher::matches).toList();
    }

    /** Fetches unless another thread already replaced {@code seen} or the rate limit forbids; returns the current snapshot. */
    private Snapshot refresh(Snapshot seen, Instant now) {
        fetchLock.lock();
        try {
            Snapshot current = snapshot;
            if (current != seen || isRateLimited(now)) {
                return current;
            }
            lastAttempt = now;
            try {
                List<JWK> keys = KeySource.verificationKeys(JWKSet.parse(fetch()));
                Snapshot fresh = new Snapshot(keys, now);
                snapshot = fresh;
                return fresh;
            } catch (IOException | java.text.ParseException e) {
                LOG.warn("JWKS fetch from {} failed: {}", uri, e.getMessage());
                return current;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
        } finally {
            fetchLock.unlock();
        }
    }

    private String fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(options.readTimeout())
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, info -> new LimitedBody(options.maxBytes()));
        HttpResponse<byte[]> response;
        try {
            // The whole exchange, body included, must fit in the read timeout (a slow body cannot hold the caller).
            response = pending.get(options.connectTimeout().plus(options.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException("timed out");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause == null ? "failed" : cause.getMessage(), cause);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP status " + response.statusCode());
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Collects a response body, failing as soon as it exceeds the limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int maxBytes;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("JWKS response larger than " + maxBytes + " bytes"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
