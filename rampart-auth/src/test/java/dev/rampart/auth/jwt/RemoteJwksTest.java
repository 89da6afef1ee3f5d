package dev.rampart.auth.jwt;

import static dev.rampart.auth.jwt.JwtVerifierTest.assertRejected;
import static dev.rampart.auth.jwt.TestTokens.AUDIENCE;
import static dev.rampart.auth.jwt.TestTokens.ISSUER;
import static dev.rampart.auth.jwt.TestTokens.NOW;
import static dev.rampart.auth.jwt.TestTokens.claims;
import static dev.rampart.auth.jwt.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWKS fetching against a real HTTP server on the loopback interface. */
class RemoteJwksTest {

    private static final ECKey KEY_1 = TestTokens.ecKey("ec-1");
    private static final ECKey KEY_2 = TestTokens.ecKey("ec-2");

    private final AtomicInteger fetches = new AtomicInteger();
    private final TestTokens.MutableClock clock = new TestTokens.MutableClock(NOW);
    private volatile String body;
    private volatile int status = 200;
    private volatile long delayMillis;
    private HttpServer server;
    private ExecutorService serverThreads;

    @BeforeEach
    void startServer() throws Exception {
        serve(KEY_1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void serve(JWK... keys) {
        body = new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    private JwtVerifier verifier(TrustedIssuer.Builder issuer) {
        return JwtVerifier.builder().issuer(issuer.build()).cacheSize(0).clock(clock).build();
    }

    private TrustedIssuer.Builder issuer() {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
        return TrustedIssuer.builder(ISSUER)
                .jwks(uri)
                .algorithms(Set.of(JWSAlgorithm.ES256))
                .audiences(Set.of(AUDIENCE))
                .jwksRefresh(Duration.ofMinutes(5), Duration.ofSeconds(30))
                .jwksOutageTolerance(Duration.ofMinutes(10))
                // short enough for the outage tests, long enough for a loaded CI machine to answer
                .jwksTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1_500));
    }

    private static String token(ECKey key) {
        return sign(key, JWSAlgorithm.ES256,
                claims().expirationTime(java.util.Date.from(NOW.plus(Duration.ofHours(1)))).build());
    }

    @Test
    void fetchesTheJwksOnceAndServesLaterTokensFromTheCachedSet() throws Exception {
        JwtVerifier verifier = verifier(issuer());
        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(token(KEY_1)).principal().id()).isEqualTo("alice");
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void refetchesOnUnknownKidAtMostOncePerMinimumInterval() throws Exception {
        JwtVerifier verifier = verifier(issuer());
        verifier.verify(token(KEY_1));
        ECKey stranger = TestTokens.ecKey("ec-9");
        assertRejected(() -> verifier.verify(token(stranger)), RejectionReason.UNKNOWN_KEY);
        assertThat(fetches).as("the set was fetched just now: no refetch yet").hasValue(1);
        clock.advance(Duration.ofSeconds(31));

        assertRejected(() -> verifier.verify(token(stranger)), RejectionReason.UNKNOWN_KEY);
        assertThat(fetches).hasValue(2);
        for (int i = 0; i < 10; i++) {
            assertRejected(() -> verifier.verify(token(stranger)), RejectionReason.UNKNOWN_KEY);
        }
        assertThat(fetches).as("a flood of unknown kids does not hammer the issuer").hasValue(2);

        clock.advance(Duration.ofSeconds(31));
        assertRejected(() -> verifier.verify(token(stranger)), RejectionReason.UNKNOWN_KEY);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void picksUpARotatedKeyWhenATokenNamesIt() throws Exception {
        JwtVerifier verifier = verifier(issuer());
        verifier.verify(token(KEY_1));
        serve(KEY_1, KEY_2);
        clock.advance(Duration.ofSeconds(31));

        assertThat(verifier.verify(token(KEY_2)).principal().id()).isEqualTo("alice");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void refreshesWhenTheSetIsOlderThanRefreshAfterAndDropsRetiredKeys() throws Exception {
        JwtVerifier verifier = verifier(issuer());
        verifier.verify(token(KEY_1));
        serve(KEY_2);
        clock.advance(Duration.ofMinutes(5));

        assertRejected(() -> verifier.verify(token(KEY_1)), RejectionReason.UNKNOWN_KEY);
        assertThat(verifier.verify(token(KEY_2)).issuer()).isEqualTo(ISSUER);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void servesTheLastGoodSetThroughAnOutageUntilTheToleranceThenFailsClosed() throws Exception {
        JwtVerifier verifier = verifier(issuer());
        verifier.verify(token(KEY_1));
        status = 503;

        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(token(KEY_1)).principal().id()).isEqualTo("alice");
        clock.advance(Duration.ofMinutes(8)); // 14 min: within refreshAfter (5) + tolerance (10)
        assertThat(verifier.verify(token(KEY_1)).principal().id()).isEqualTo("alice");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // 15 min 1 s: beyond
        assertRejected(() -> verifier.verify(token(KEY_1)), RejectionReason.KEYS_UNAVAILABLE);

        status = 200;
        clock.advance(Duration.ofSeconds(31));
        assertThat(verifier.verify(token(KEY_1)).principal().id()).isEqualTo("alice");
    }

    @Test
    void failsClosedWhenTheFirstFetchFails() {
        status = 500;
        JwtVerifier verifier = verifier(issuer());
        assertRejected(() -> verifier.verify(token(KEY_1)), RejectionReason.KEYS_UNAVAILABLE);
    }

    @Test
    void rejectsAJwksResponseLargerThanTheLimit() {
        JwtVerifier verifier = verifier(issuer().jwksMaxBytes(64));
        assertRejected(() -> verifier.verify(token(KEY_1)), RejectionReason.KEYS_UNAVAILABLE);
    }

    @Test
    void givesUpOnASlowJwksEndpointWithinTheTimeouts() {
        delayMillis = 3_000;
        JwtVerifier verifier = verifier(issuer());
        long start = System.nanoTime();
        assertRejected(() -> verifier.verify(token(KEY_1)), RejectionReason.KEYS_UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void rejectsATokenOfAnUnconfiguredIssuerWithoutFetchingAnyKey() {
        JwtVerifier verifier = verifier(issuer());
        String token = sign(KEY_1, JWSAlgorithm.ES256, claims().issuer("https://evil.example.com").build());
        assertRejected(() -> verifier.verify(token), RejectionReason.UNKNOWN_ISSUER);
        assertThat(fetches).hasValue(0);
    }

    @Test
    void ignoresKeysMarkedForEncryptionInTheJwks() {
        body = new JWKSet(new ECKey.Builder(KEY_1.toPublicJWK()).keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).build()).toString();
        JwtVerifier verifier = verifier(issuer());
        assertRejected(() -> verifier.verify(token(KEY_1)), RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void verifyAsyncRunsOnTheExecutorOnlyWhenAFetchIsNeeded() throws Exception {
        JwtVerifier verifier = verifier(issuer());
        ExecutorService blocking = Executors.newSingleThreadExecutor(r -> new Thread(r, "jwks-worker"));
        try {
            String token = token(KEY_1);
            assertThat(verifier.wouldFetchKeys(token)).isTrue();
            CompletableFuture<String> thread = verifier.verifyAsync(token, blocking)
                    .thenApply(t -> Thread.currentThread().getName());
            assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("jwks-worker");

            assertThat(verifier.wouldFetchKeys(token)).isFalse();
            CompletableFuture<VerifiedToken> now = verifier.verifyAsync(token, blocking);
            assertThat(now).isDone();
            assertThat(now.get().principal().id()).isEqualTo("alice");
        } finally {
            blocking.shutdownNow();
        }
    }

    @Test
    void verifyAsyncFailsWithTheRejection() {
        JwtVerifier verifier = verifier(issuer());
        CompletableFuture<VerifiedToken> f = verifier.verifyAsync("not.a.jwt", Runnable::run);
        assertThat(f).isCompletedExceptionally();
        assertThat(f.handle((t, e) -> ((JwtRejectedException) e).reason()).join()).isEqualTo(RejectionReason.MALFORMED);
    }
}
