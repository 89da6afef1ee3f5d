package dev.rampart.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rampart.auth.MutableClock;
import dev.rampart.auth.jwt.JwtVerifier;
import dev.rampart.auth.jwt.VerifiedToken;
import dev.rampart.auth.signature.InMemoryReplayGuard;
import dev.rampart.core.Principal;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client-credentials grant end to end against a real (SQLite) store. */
class AuthorizationServerTest {

    static final byte[] SERVER_SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final String FORM = "application/x-www-form-urlencoded";
    static final String ISSUER = "https://api.example.com";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock();
    Store store;
    OAuth2Clients clients;
    SigningKeyRing keys;
    AuthorizationServer server;

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), dir);
        clients = new OAuth2Clients(store, SERVER_SECRET, clock);
        AuthorizationServerSettings settings = new AuthorizationServerSettings(URI.create(ISSUER),
                Set.of("https://api.example.com/orders"), Duration.ofMinutes(5), Duration.ofDays(30), Duration.ofSeconds(30));
        keys = new SigningKeyRing(store, settings.keyRotation(), settings.tokenLifetime(), clock);
        server = new AuthorizationServer(settings, clients, keys, new InMemoryReplayGuard(clock), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    RegisteredOAuth2Client secretClient(String... scopes) {
        return clients.register(new NewOAuth2Client("billing-batch", ClientAuthMethod.CLIENT_SECRET, null,
                Set.of(scopes), Set.of("billing")));
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    TokenResponse request(String authorization, String body) {
        return server.token(new TokenRequest(FORM, authorization, body));
    }

    static Map<String, Object> json(TokenResponse r) throws Exception {
        return JSONObjectUtils.parse(r.json());
    }

    VerifiedToken verify(TokenResponse r) throws Exception {
        JwtVerifier verifier = JwtVerifier.builder().issuer(server.trustedIssuer()).clock(clock).build();
        return verifier.verify((String) json(r).get("access_token"));
    }

    @Test
    void issuesAnAccessTokenForClientSecretBasic() throws Exception {
        RegisteredOAuth2Client c = secretClient("orders:read", "orders:write");

        TokenResponse r = request(basic(c.client().id(), c.secretShownOnce()), "grant_type=client_credentials&scope=orders%3Aread");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Cache-Control", "no-store");
        Map<String, Object> body = json(r);
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 300L)
                .containsEntry("scope", "orders:read");
        VerifiedToken token = verify(r);
        Principal p = token.principal();
        assertThat(p.id()).isEqualTo(c.client().id());
        assertThat(p.type()).isEqualTo(Principal.Type.CLIENT);
        assertThat(p.scopes()).containsExactly("orders:read");
        assertThat(p.roles()).containsExactly("billing");
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(keys.publishedKeys().getKeyByKeyId(jwt.getHeader().getKeyID())).isNotNull();
        assertThat(jwt.getJWTClaimsSet().getClaim("client_id")).isEqualTo(c.client().id());
    }

    @Test
    void aClientsPlanIsStoredAndCarriedByItsTokensIntoThePlanAttribute() throws Exception {
        RegisteredOAuth2Client gold = clients.register(new NewOAuth2Client("partner", ClientAuthMethod.CLIENT_SECRET,
                null, Set.of(), Set.of(), "gold"));
        RegisteredOAuth2Client plain = secretClient();

        assertThat(clients.find(gold.client().id()).orElseThrow().plan()).isEqualTo("gold");
        Principal withPlan = verify(request(basic(gold.client().id(), gold.secretShownOnce()),
                "grant_type=client_credentials")).principal();
        assertThat(withPlan.attributes()).containsEntry(AuthorizationServer.PLAN_CLAIM, "gold");
        Principal withoutPlan = verify(request(basic(plain.client().id(), plain.secretShownOnce()),
                "grant_type=client_credentials")).principal();
        assertThat(withoutPlan.attributes()).doesNotContainKey(AuthorizationServer.PLAN_CLAIM);
        assertThatThrownBy(() -> new NewOAuth2Client("x", ClientAuthMethod.CLIENT_SECRET, null, Set.of(), Set.of(),
                "two words")).hasMessageContaining("plan");
    }

    @Test
    void grantsEveryAllowedScopeWhenNoneIsAskedFor() throws Exception {
        RegisteredOAuth2Client c = secretClient("orders:read", "orders:write");

        TokenResponse r = request(null, "grant_type=client_credentials&client_id=" + c.client().id()
                + "&client_secret=" + c.secretShownOnce());

        assertThat(r.status()).isEqualTo(200);
        assertThat(verify(r).principal().scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
    }

    @Test
    void refusesAScopeTheClientMayNotHave() throws Exception {
        RegisteredOAuth2Client c = secretClient("orders:read");

        TokenResponse r = request(basic(c.client().id(), c.secretShownOnce()),
                "grant_type=client_credentials&scope=orders:read+admin:all");

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r)).containsEntry("error", "invalid_scope");
        assertThat((String) json(r).get("error_description")).contains("admin:all").doesNotContain("orders:read");
    }

    @Test
    void answersTheSameInvalidClientForAWrongSecretAndAnUnknownClient() throws Exception {
        RegisteredOAuth2Client c = secretClient("orders:read");

        TokenResponse wrong = request(basic(c.client().id(), "rmpcs_wrong"), "grant_type=client_credentials");
        TokenResponse unknown = request(basic("cli_0000000000000000", c.secretShownOnce()), "grant_type=client_credentials");

        for (TokenResponse r : new TokenResponse[] {wrong, unknown}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers()).containsKey("WWW-Authenticate");
            assertThat(json(r)).containsEntry("error", "invalid_client")
                    .containsEntry("error_description", "client authentication failed");
            assertThat(r.json()).doesNotContain(c.secretShownOnce());
        }
    }

    @Test
    void refusesRevokedAndDisabledClients() throws Exception {
        RegisteredOAuth2Client revoked = secretClient("a");
        RegisteredOAuth2Client disabled = secretClient("a");
        clients.revoke(revoked.client().id());
        clients.setEnabled(disabled.client().id(), false);

        assertThat(request(basic(revoked.client().id(), revoked.secretShownOnce()), "grant_type=client_credentials").status())
                .isEqualTo(401);
        assertThat(request(basic(disabled.client().id(), disabled.secretShownOnce()), "grant_type=client_credentials").status())
                .isEqualTo(401);
        clients.setEnabled(disabled.client().id(), true);
        assertThat(request(basic(disabled.client().id(), disabled.secretShownOnce()), "grant_type=client_credentials").status())
                .isEqualTo(200);
        assertThatThrownBy(() -> clients.setEnabled(revoked.client().id(), true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsTheReplacedSecretValidForTheGracePeriodOnly() {
        RegisteredOAuth2Client c = secretClient("a");
        RegisteredOAuth2Client rotated = clients.rotateSecret(c.client().id(), Duration.ofHours(1));

        assertThat(rotated.secretShownOnce()).startsWith(OAuth2Clients.SECRET_PREFIX).isNotEqualTo(c.secretShownOnce());
        assertThat(request(basic(c.client().id(), c.secretShownOnce()), "grant_type=client_credentials").status()).isEqualTo(200);
        assertThat(request(basic(c.client().id(), rotated.secretShownOnce()), "grant_type=client_credentials").status()).isEqualTo(200);
        clock.advance(Duration.ofHours(1));
        assertThat(request(basic(c.client().id(), c.secretShownOnce()), "grant_type=client_credentials").status()).isEqualTo(401);
        assertThat(request(basic(c.client().id(), rotated.secretShownOnce()), "grant_type=client_credentials").status()).isEqualTo(200);
    }

    @Test
    void refusesMalformedRequestsWithTheirRfc6749Error() throws Exception {
        RegisteredOAuth2Client c = secretClient("a");
        String auth = basic(c.client().id(), c.secretShownOnce());

        assertThat(json(server.token(new TokenRequest("application/json", auth, "{}")))).containsEntry("error", "invalid_request");
        assertThat(json(request(auth, "grant_type=password&username=a&password=b")))
                .containsEntry("error", "unsupported_grant_type");
        assertThat(json(request(auth, "scope=a"))).containsEntry("error", "invalid_request");
        assertThat(json(request(auth, "grant_type=client_credentials&scope=a&scope=a"))).containsEntry("error", "invalid_request");
        assertThat(json(request(auth, "grant_type=client_credentials&client_secret=" + c.secretShownOnce())))
                .containsEntry("error", "invalid_request");   // two authentication methods at once
        assertThat(json(request(auth, "grant_type=client_credentials&scope=%zz"))).containsEntry("error", "invalid_request");
        assertThat(json(request("Basic !!!", "grant_type=client_credentials"))).containsEntry("error", "invalid_client");
        assertThat(json(request(null, "grant_type=client_credentials"))).containsEntry("error", "invalid_client");
    }

    // ---- private_key_jwt ---------------------------------------------------------------------

    static ECKey clientKey(String kid) throws Exception {
        return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    }

    RegisteredOAuth2Client jwtClient(ECKey key) {
        return clients.register(new NewOAuth2Client("signer", ClientAuthMethod.PRIVATE_KEY_JWT,
                new JWKSet(key.toPublicJWK()), Set.of("orders:read"), Set.of()));
    }

    String assertion(ECKey key, String iss, String sub, String aud, Duration lifetime, String jti) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(iss).subject(sub).audience(aud)
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plus(lifetime)))
                .jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    TokenResponse withAssertion(String assertion) {
        return request(null, "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(AuthorizationServer.JWT_BEARER_ASSERTION, StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion);
    }

    @Test
    void issuesATokenForAPrivateKeyJwtClientAndRefusesTheSameAssertionTwice() throws Exception {
        ECKey key = clientKey("k1");
        String id = jwtClient(key).client().id();
        String a = assertion(key, id, id, ISSUER + "/oauth2/token", Duration.ofMinutes(2), UUID.randomUUID().toString());

        TokenResponse first = withAssertion(a);
        TokenResponse replay = withAssertion(a);

        assertThat(first.status()).isEqualTo(200);
        assertThat(verify(first).principal().id()).isEqualTo(id);
        assertThat(replay.status()).isEqualTo(401);
        assertThat((String) json(replay).get("error_description")).contains("already used");
    }

    @Test
    void refusesClientAssertionsThatDoNotProveTheClient() throws Exception {
        ECKey key = clientKey("k1");
        ECKey stranger = clientKey("k1");
        String id = jwtClient(key).client().id();
        String aud = ISSUER;

        assertThat(withAssertion(assertion(stranger, id, id, aud, Duration.ofMinutes(2), "j1")).status()).isEqualTo(401);
        assertThat(withAssertion(assertion(key, id, id, "https://elsewhere.example", Duration.ofMinutes(2), "j2")).status())
                .isEqualTo(401);
        assertThat(withAssertion(assertion(key, id, "someone-else", aud, Duration.ofMinutes(2), "j3")).status()).isEqualTo(401);
        assertThat(withAssertion(assertion(key, id, id, aud, Duration.ofHours(1), "j4")).status()).isEqualTo(401);
        assertThat(withAssertion(assertion(key, id, id, aud, Duration.ofMinutes(2), null)).status()).isEqualTo(401);
        assertThat(withAssertion("not-a-jwt").status()).isEqualTo(401);
        assertThat(withAssertion(assertion(key, id, id, aud, Duration.ofMinutes(2), "j5")).status()).isEqualTo(200);
    }

    @Test
    void refusesPrivateKeysAndMissingKeysAtRegistration() throws Exception {
        ECKey key = clientKey("k1");
        assertThatThrownBy(() -> new NewOAuth2Client("x", ClientAuthMethod.PRIVATE_KEY_JWT, new JWKSet(key), Set.of(), Set.of()))
                .hasMessageContaining("private key material");
        assertThatThrownBy(() -> new NewOAuth2Client("x", ClientAuthMethod.PRIVATE_KEY_JWT, null, Set.of(), Set.of()))
                .hasMessageContaining("jwks");
        assertThatThrownBy(() -> new NewOAuth2Client("x", ClientAuthMethod.CLIENT_SECRET, null, Set.of("has space"), Set.of()))
                .hasMessageContaining("RFC 6749 §3.3");
    }

    // ---- keys and metadata -------------------------------------------------------------------

    @Test
    void rotatesTheSigningKeyWithoutBreakingTokensAlreadyIssued() throws Exception {
        RegisteredOAuth2Client c = secretClient("a");
        String auth = basic(c.client().id(), c.secretShownOnce());
        String firstKid = kid(request(auth, "grant_type=client_credentials"));

        // 29 days in: the next key is generated and published a day (a tenth of 30, at most a day) before it signs
        clock.advance(Duration.ofDays(29).plusMinutes(1));
        keys.refresh();
        assertThat(keys.publishedKeys().getKeys()).hasSize(2);
        clock.advance(Duration.ofDays(1).minusMinutes(2));
        TokenResponse lastOfTheOldKey = request(auth, "grant_type=client_credentials");
        assertThat(kid(lastOfTheOldKey)).isEqualTo(firstKid);

        clock.advance(Duration.ofMinutes(2));   // the new key's day of pre-publication is over
        keys.refresh();
        TokenResponse firstOfTheNewKey = request(auth, "grant_type=client_credentials");
        assertThat(kid(firstOfTheNewKey)).isNotEqualTo(firstKid);
        assertThat(verify(lastOfTheOldKey).principal().id()).isEqualTo(c.client().id());   // old key still published

        clock.advance(Duration.ofMinutes(11));   // token lifetime + margin after the old key's retirement
        keys.refresh();
        assertThat(keys.publishedKeys().getKeyByKeyId(firstKid)).isNull();
        assertThat(verify(request(auth, "grant_type=client_credentials")).principal().id()).isEqualTo(c.client().id());
    }

    static String kid(TokenResponse r) throws Exception {
        return SignedJWT.parse((String) json(r).get("access_token")).getHeader().getKeyID();
    }

    @Test
    void publishesRfc8414MetadataAndPublicKeysOnly() throws Exception {
        keys.refresh();
        Map<String, Object> metadata = JSONObjectUtils.parse(server.metadataJson());

        assertThat(metadata).containsEntry("issuer", ISSUER)
                .containsEntry("token_endpoint", ISSUER + "/oauth2/token")
                .containsEntry("jwks_uri", ISSUER + "/.well-known/jwks.json");
        assertThat(JSONObjectUtils.getStringList(metadata, "grant_types_supported")).containsExactly("client_credentials");
        assertThat(JSONObjectUtils.getStringList(metadata, "token_endpoint_auth_methods_supported"))
                .contains("client_secret_basic", "private_key_jwt");
        JWKSet published = JWKSet.parse(server.jwksJson());
        assertThat(published.getKeys()).isNotEmpty().allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(server.settings().metadataPath()).isEqualTo("/.well-known/oauth-authorization-server");
    }

    @Test
    void placesEndpointsBelowAnIssuerPath() {
        AuthorizationServerSettings s = new AuthorizationServerSettings(URI.create("https://api.example.com/auth/"),
                Set.of("x"), Duration.ofMinutes(5), Duration.ofDays(30), Duration.ZERO);
        assertThat(s.issuerId()).isEqualTo("https://api.example.com/auth");
        assertThat(s.tokenEndpointPath()).isEqualTo("/auth/oauth2/token");
        assertThat(s.metadataPath()).isEqualTo("/.well-known/oauth-authorization-server/auth");
        assertThatThrownBy(() -> new AuthorizationServerSettings(URI.create("http://api.example.com"), Set.of("x"),
                Duration.ofMinutes(5), Duration.ofDays(30), Duration.ZERO)).hasMessageContaining("https");
    }
}
