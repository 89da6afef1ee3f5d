package dev.rampart.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.Decision;
import dev.rampart.core.config.CorsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CorsGuardTest {

    private static final String APP = "https://app.example.com";
    private static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    private static CorsGuard guard(List<String> origins) {
        return guard(origins, false, false);
    }

    private static CorsGuard guard(List<String> origins, boolean credentials, boolean privateNetwork) {
        return CorsGuard.from(new CorsConfig(origins, List.of("GET", "POST", "PATCH"), List.of("Authorization", "X-Api-Key"),
                List.of("X-Request-Id", "RateLimit-Remaining"), credentials, Duration.ofMinutes(10), privateNetwork),
                "routes[0].cors");
    }

    private static TestExchange preflight(String origin, String method) {
        return TestExchange.request("OPTIONS", "/orders")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
    }

    private static TestExchange actual(String method, String origin) {
        return TestExchange.request(method, "/orders").header("Origin", origin);
    }

    private static Map<String, String> headersOf(Decision decision) {
        return decision.headers().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void assertPreflightDenied(TestExchange exchange, Decision decision) {
        assertThat(decision.kind()).isEqualTo(Decision.Kind.DENY);
        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.code()).isEqualTo("cors-preflight-denied");
        assertThat(decision.headers()).noneMatch(h -> h.getKey().startsWith("Access-Control-"));
        assertThat(exchange.responseHeaders().getAll("Vary")).containsExactly(PREFLIGHT_VARY);
    }

    private static boolean allowsActual(CorsGuard guard, String origin) {
        TestExchange exchange = actual("GET", origin);
        assertThat(exchange.runRequest(guard).isProceed()).isTrue();
        assertThat(exchange.responseHeaders().getAll("Vary")).containsExactly("Origin");
        return exchange.responseHeaders().contains("Access-Control-Allow-Origin");
    }

    @Test
    void requestWithoutOriginIsNotCorsAndGetsOnlyVaryOrigin() {
        TestExchange exchange = TestExchange.request("GET", "/orders");

        Decision decision = exchange.runRequest(guard(List.of(APP)));

        assertThat(decision.isProceed()).isTrue();
        assertThat(exchange.responseHeaders().size()).isEqualTo(1);
        assertThat(exchange.responseHeaders().get("Vary")).isEqualTo("Origin");
    }

    @Test
    void optionsWithoutOriginIsNotAPreflight() {
        TestExchange exchange = TestExchange.request("OPTIONS", "/orders").header("Access-Control-Request-Method", "PUT");

        assertThat(exchange.runRequest(guard(List.of(APP))).isProceed()).isTrue();
        assertThat(exchange.responseHeaders().getAll("Vary")).containsExactly("Origin");
    }

    @Test
    void answersAnAllowedPreflightWith204AndTheCorsHeaders() {
        TestExchange exchange = preflight(APP, "PATCH").header("Access-Control-Request-Headers", "authorization,x-api-key");

        Decision decision = exchange.runRequest(guard(List.of(APP)));

        assertThat(decision.kind()).isEqualTo(Decision.Kind.RESPOND);
        assertThat(decision.status()).isEqualTo(204);
        Map<String, String> headers = headersOf(decision);
        assertThat(headers).containsEntry("Access-Control-Allow-Origin", APP)
                .containsEntry("Access-Control-Allow-Methods", "GET, POST, PATCH")
                .containsEntry("Access-Control-Max-Age", "600")
                .doesNotContainKeys("Access-Control-Allow-Credentials", "Access-Control-Allow-Private-Network");
        assertThat(headers.get("Access-Control-Allow-Headers")).startsWith("Authorization, X-Api-Key")
                .contains("Content-Type");
        assertThat(exchange.responseHeaders().getAll("Vary")).containsExactly(PREFLIGHT_VARY);
    }

    @Test
    void deniesAPreflightFromAnOriginNotListed() {
        TestExchange exchange = preflight("https://attacker.example", "GET");

        assertPreflightDenied(exchange, exchange.runRequest(guard(List.of(APP))));
    }

    @Test
    void deniesAPreflightForAMethodNotListed() {
        TestExchange exchange = preflight(APP, "DELETE");

        Decision decision = exchange.runRequest(guard(List.of(APP)));

        assertPreflightDenied(exchange, decision);
        assertThat(decision.detail()).contains("GET, POST, PATCH").doesNotContain("DELETE");
    }

    @Test
    void comparesMethodsCaseSensitively() {
        TestExchange lowerCase = preflight(APP, "patch");

        assertPreflightDenied(lowerCase, lowerCase.runRequest(guard(List.of(APP))));
    }

    @Test
    void deniesAPreflightWhenAnyRequestedHeaderIsNotListed() {
        TestExchange exchange = preflight(APP, "POST").header("Access-Control-Request-Headers", "x-api-key,x-internal-debug");

        assertPreflightDenied(exchange, exchange.runRequest(guard(List.of(APP))));
    }

    @Test
    void comparesRequestedHeadersCaseInsensitivelyAndToleratesWhitespace() {
        TestExchange exchange = preflight(APP, "POST")
                .header("Access-Control-Request-Headers", " X-API-KEY ,  authorization,,x-Api-key");

        assertThat(exchange.runRequest(guard(List.of(APP))).status()).isEqualTo(204);
    }

    @Test
    void allowsCorsSafelistedRequestHeadersWithoutListingThem() {
        TestExchange exchange = preflight(APP, "POST")
                .header("Access-Control-Request-Headers", "accept,accept-language,content-language,content-type");

        Decision decision = exchange.runRequest(guard(List.of(APP)));

        assertThat(decision.status()).isEqualTo(204);
        assertThat(headersOf(decision).get("Access-Control-Allow-Headers"))
                .contains("Accept", "Accept-Language", "Content-Language", "Content-Type");
    }

    @Test
    void sendsAllowCredentialsOnPreflightAndActualResponsesWhenConfigured() {
        CorsGuard guard = guard(List.of(APP), true, false);
        TestExchange preflight = preflight(APP, "GET");
        TestExchange actual = actual("GET", APP);

        Decision decision = preflight.runRequest(guard);
        actual.runRequest(guard);

        assertThat(headersOf(decision)).containsEntry("Access-Control-Allow-Credentials", "true")
                .containsEntry("Access-Control-Allow-Origin", APP);
        assertThat(actual.responseHeaders().get("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(actual.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void addsCorsHeadersToAnActualRequestFromAnAllowedOrigin() {
        TestExchange exchange = actual("POST", APP);

        assertThat(exchange.runRequest(guard(List.of(APP))).isProceed()).isTrue();

        assertThat(exchange.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(exchange.responseHeaders().get("Access-Control-Expose-Headers")).isEqualTo("X-Request-Id, RateLimit-Remaining");
        assertThat(exchange.responseHeaders().contains("Access-Control-Allow-Credentials")).isFalse();
        assertThat(exchange.responseHeaders().getAll("Vary")).containsExactly("Origin");
    }

    @Test
    void addsNoCorsHeadersForADisallowedOriginButLetsTheRequestThrough() {
        TestExchange exchange = actual("GET", "https://attacker.example");

        assertThat(exchange.runRequest(guard(List.of(APP))).isProceed()).isTrue();

        assertThat(exchange.responseHeaders().names()).containsExactly("Vary");
        assertThat(exchange.responseHeaders().get("Vary")).isEqualTo("Origin");
    }

    @Test
    void optionsWithOriginButWithoutRequestMethodIsAnActualRequest() {
        TestExchange exchange = actual("OPTIONS", APP);

        assertThat(exchange.runRequest(guard(List.of(APP))).isProceed()).isTrue();
        assertThat(exchange.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void anyOriginAnswersWithAStarNeverEchoingTheOrigin() {
        CorsGuard guard = guard(List.of("*"));
        TestExchange preflight = preflight("https://anyone.example", "POST");
        TestExchange actual = actual("GET", "https://anyone.example");

        Decision decision = preflight.runRequest(guard);
        actual.runRequest(guard);

        assertThat(headersOf(decision)).containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(preflight.responseHeaders().getAll("Vary")).containsExactly(PREFLIGHT_VARY);
        assertThat(actual.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(actual.responseHeaders().getAll("Vary")).containsExactly("Origin");
    }

    @Test
    void rejectsStarTogetherWithCredentials() {
        assertThatThrownBy(() -> guard(List.of("*"), true, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routes[0].cors")
                .hasMessageContaining("'*' cannot be combined with allow-credentials");
    }

    @Test
    void wildcardMatchesAnySubdomainOfTheSameSchemeButNotTheApex() {
        CorsGuard guard = guard(List.of("https://*.example.com"));

        assertThat(allowsActual(guard, "https://app.example.com")).isTrue();
        assertThat(allowsActual(guard, "https://eu.app.example.com")).isTrue();
        assertThat(allowsActual(guard, "https://APP.Example.COM")).isTrue();
        assertThat(allowsActual(guard, "https://example.com")).isFalse();
        assertThat(allowsActual(guard, "http://app.example.com")).isFalse();
        assertThat(allowsActual(guard, "https://app.example.com:8443")).isFalse();
    }

    @Test
    void wildcardIsNotBypassedBySuffixOrPrefixTricks() {
        CorsGuard guard = guard(List.of("https://*.example.com"));

        assertThat(allowsActual(guard, "https://evilexample.com")).isFalse();
        assertThat(allowsActual(guard, "https://example.com.evil.com")).isFalse();
        assertThat(allowsActual(guard, "https://app.example.com.evil.com")).isFalse();
        assertThat(allowsActual(guard, "https://evil.com/.example.com")).isFalse();
        assertThat(allowsActual(guard, "https://evil.com#.example.com")).isFalse();
        assertThat(allowsActual(guard, "https://evil.com@app.example.com")).isFalse();
        assertThat(allowsActual(guard, "https://.example.com")).isFalse();
        assertThat(allowsActual(guard, "https://app.example.com ")).isFalse();
    }

    @Test
    void exactOriginIsNotBypassedByLookalikes() {
        CorsGuard guard = guard(List.of(APP));

        assertThat(allowsActual(guard, "https://app.example.com.evil.com")).isFalse();
        assertThat(allowsActual(guard, "https://xapp.example.com")).isFalse();
        assertThat(allowsActual(guard, "http://app.example.com")).isFalse();
        assertThat(allowsActual(guard, "https://app.example.com/")).isFalse();
        assertThat(allowsActual(guard, "https://app.example.com https://evil.example")).isFalse();
    }

    @Test
    void exactOriginMatchesCaseInsensitivelyWithDefaultPortsNormalisedAndEchoesTheOriginSent() {
        CorsGuard guard = guard(List.of("https://App.Example.com:443", "http://localhost:3000", "http://[::1]:8080"));

        TestExchange withPort = actual("GET", "https://app.example.com:443");
        withPort.runRequest(guard);
        assertThat(withPort.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com:443");
        assertThat(allowsActual(guard, "https://app.example.com")).isTrue();
        assertThat(allowsActual(guard, "HTTPS://APP.EXAMPLE.COM")).isTrue();
        assertThat(allowsActual(guard, "http://localhost:3000")).isTrue();
        assertThat(allowsActual(guard, "http://localhost")).isFalse();
        assertThat(allowsActual(guard, "http://localhost:3001")).isFalse();
        assertThat(allowsActual(guard, "http://[::1]:8080")).isTrue();
        assertThat(allowsActual(guard, "http://[::2]:8080")).isFalse();
    }

    @Test
    void nullOriginNeverMatchesAnExplicitList() {
        CorsGuard guard = guard(List.of(APP, "https://*.example.com"));
        TestExchange preflight = preflight("null", "GET");

        assertThat(allowsActual(guard, "null")).isFalse();
        assertPreflightDenied(preflight, preflight.runRequest(guard));
    }

    @Test
    void rejectsNullOriginInTheConfig() {
        assertThatThrownBy(() -> guard(List.of(APP, "null")))
                .hasMessageContaining("routes[0].cors.allowed-origins[1]")
                .hasMessageContaining("'null' origin");
    }

    @Test
    void answersPrivateNetworkPreflightWhenConfigured() {
        TestExchange exchange = preflight(APP, "GET").header("Access-Control-Request-Private-Network", "true");

        Decision decision = exchange.runRequest(guard(List.of(APP), false, true));

        assertThat(decision.status()).isEqualTo(204);
        assertThat(headersOf(decision)).containsEntry("Access-Control-Allow-Private-Network", "true");
        assertThat(exchange.responseHeaders().getAll("Vary")).containsExactly(PREFLIGHT_VARY);
    }

    @Test
    void deniesPrivateNetworkPreflightWhenNotConfigured() {
        TestExchange exchange = preflight(APP, "GET").header("Access-Control-Request-Private-Network", "true");

        Decision decision = exchange.runRequest(guard(List.of(APP)));

        assertPreflightDenied(exchange, decision);
        assertThat(decision.detail()).contains("private network");
    }

    @Test
    void omitsPrivateNetworkHeaderWhenNotRequested() {
        Decision decision = preflight(APP, "GET").runRequest(guard(List.of(APP), false, true));

        assertThat(headersOf(decision)).doesNotContainKey("Access-Control-Allow-Private-Network");
    }

    @Test
    void emitsNoEventOfItsOwn() {
        TestExchange exchange = preflight("https://attacker.example", "GET");

        exchange.runRequest(guard(List.of(APP)));

        assertThat(exchange.events()).isEmpty();
    }

    @Test
    void rejectsMalformedConfigNamingTheEntry() {
        assertThatThrownBy(() -> guard(List.of()))
                .hasMessageContaining("routes[0].cors.allowed-origins is empty");
        assertThatThrownBy(() -> guard(List.of(APP, "https://admin.example.com/")))
                .hasMessageContaining("routes[0].cors.allowed-origins[1]")
                .hasMessageContaining("write 'https://admin.example.com'");
        assertThatThrownBy(() -> guard(List.of("*.example.com")))
                .hasMessageContaining("has no scheme");
        assertThatThrownBy(() -> guard(List.of("https://api.*.example.com")))
                .hasMessageContaining("'*' that is not the leading label");
        assertThatThrownBy(() -> guard(List.of("*", APP)))
                .hasMessageContaining("'*' already allows every origin");
        assertThatThrownBy(() -> guard(List.of("https://app.example.com:0")))
                .hasMessageContaining("invalid port");
        assertThatThrownBy(() -> CorsGuard.from(new CorsConfig(List.of(APP), List.of("*"), null, null, null, null, null),
                "routes[0].cors"))
                .hasMessageContaining("routes[0].cors.allowed-methods[0]")
                .hasMessageContaining("list each one explicitly");
        assertThatThrownBy(() -> CorsGuard.from(new CorsConfig(List.of(APP), null, List.of("X Bad"), null, null, null, null),
                "routes[0].cors"))
                .hasMessageContaining("routes[0].cors.allowed-headers[0]");
        assertThatThrownBy(() -> CorsGuard.from(new CorsConfig(List.of(APP), null, null, null, null,
                Duration.ofSeconds(-1), null), "routes[0].cors"))
                .hasMessageContaining("routes[0].cors.max-age is negative");
    }

    @Test
    void usesTheConfigDefaultsForMethodsHeadersAndMaxAge() {
        CorsGuard guard = CorsGuard.from(new CorsConfig(List.of(APP), null, null, null, null, null, null), "cors");

        Decision decision = preflight(APP, "HEAD").header("Access-Control-Request-Headers", "authorization")
                .runRequest(guard);

        assertThat(headersOf(decision)).containsEntry("Access-Control-Allow-Methods", "GET, HEAD, POST")
                .containsEntry("Access-Control-Max-Age", "600");
        assertThat(preflight(APP, "PUT").runRequest(guard).code()).isEqualTo("cors-preflight-denied");
    }

    @Test
    void isNamedCors() {
        assertThat(guard(List.of(APP)).name()).isEqualTo("cors");
    }
}
