package dev.rampart.policy;

import static dev.rampart.policy.Policies.apiKey;
import static dev.rampart.policy.Policies.authorizer;
import static dev.rampart.policy.Policies.needs;
import static dev.rampart.policy.Policies.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleGrantsTest {

    private final Authorizer policy = authorizer("""
            roles:
              reader:    { permissions: ["messages:read", "threads:read"] }
              writer:    { permissions: ["messages:write"], inherits: [reader] }
              moderator: { permissions: ["messages:*"], inherits: [writer] }
              auditor:   { permissions: ["*:read"] }
              admin:     { permissions: ["*:*"] }
              support:   { inherits: [moderator] }
              payments:  { permissions: ["transit:encrypt:payments", "transit:decrypt:payments"] }
              keyadmin:  { permissions: ["transit:*:*"] }
              orders:    { permissions: ["secrets:read:apps/orders/*"] }
            """);

    @Test
    void targetedPermissionsAreGrantedPerTargetAndFoundByTheirMostSpecificPattern() {
        assertThat(policy.decide(user("p", "payments"), needs("POST", "/t", "transit:encrypt:payments")).allowed()).isTrue();
        assertThat(policy.decide(user("p", "payments"), needs("POST", "/t", "transit:encrypt:orders")).allowed()).isFalse();
        assertThat(policy.decide(user("p", "payments"), needs("POST", "/t", "transit:rotate:payments")).allowed()).isFalse();
        AuthorizationDecision d = policy.decide(user("o", "orders"), needs("GET", "/s", "secrets:read:apps/orders/db"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.explanation().grants()).containsExactly(
                new Grant("secrets:read:apps/orders/db", Grant.Source.ROLE, "orders", "secrets:read:apps/orders/*"));
        assertThat(policy.decide(user("o", "orders"), needs("GET", "/s", "secrets:read:apps/billing/db")).allowed()).isFalse();
        assertThat(policy.decide(user("k", "keyadmin"), needs("POST", "/t", "transit:trim:anything")).allowed()).isTrue();
    }

    @Test
    void fullTwoPartWildcardDoesNotReachKeysOrSecrets() {
        AuthorizationDecision d = policy.decide(user("root", "admin"), needs("POST", "/t", "transit:decrypt:payments"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().missing().get(0).grantingRoles()).containsExactlyInAnyOrder("payments", "keyadmin");
    }

    @Test
    void exactPermissionOfAHeldRoleAllows() {
        AuthorizationDecision d = policy.decide(user("alice", "writer"), needs("POST", "/m", "messages:write"));

        assertThat(d.allowed()).isTrue();
        assertThat(d.explanation().grants()).containsExactly(
                new Grant("messages:write", Grant.Source.ROLE, "writer", "messages:write"));
    }

    @Test
    void actionWildcardGrantsEveryActionOnItsResourceOnly() {
        assertThat(policy.decide(user("m", "moderator"), needs("DELETE", "/m/1", "messages:delete")).allowed()).isTrue();
        assertThat(policy.decide(user("m", "moderator"), needs("DELETE", "/u/1", "users:delete")).allowed()).isFalse();
    }

    @Test
    void resourceWildcardGrantsItsActionOnEveryResource() {
        assertThat(policy.decide(user("a", "auditor"), needs("GET", "/billing", "billing:read")).allowed()).isTrue();
        assertThat(policy.decide(user("a", "auditor"), needs("PUT", "/billing", "billing:write")).allowed()).isFalse();
    }

    @Test
    void fullWildcardGrantsEverything() {
        AuthorizationDecision d = policy.decide(user("root", "admin"), needs("PUT", "/x", "anything:at-all"));

        assertThat(d.allowed()).isTrue();
        assertThat(d.explanation().grants().get(0).pattern()).isEqualTo("*:*");
    }

    @Test
    void inheritedPermissionsAreGrantedTransitively() {
        // support -> moderator -> writer -> reader
        AuthorizationDecision d = policy.decide(user("s", "support"), needs("GET", "/t", "threads:read"));

        assertThat(d.allowed()).isTrue();
        assertThat(d.explanation().roles()).containsExactly("moderator", "reader", "support", "writer");
    }

    @Test
    void inheritanceGoesUpOnlyNotDown() {
        assertThat(policy.decide(user("r", "reader"), needs("POST", "/m", "messages:write")).allowed()).isFalse();
    }

    @Test
    void rolesTheCredentialsCarryButThePolicyDoesNotDefineGrantNothing() {
        assertThat(policy.decide(user("x", "superuser"), needs("GET", "/m", "messages:read")).allowed()).isFalse();
    }

    @Test
    void requestNeedingSeveralPermissionsNeedsAllOfThem() {
        AuthorizationDecision d = policy.decide(user("r", "reader"), needs("POST", "/m", "messages:read", "messages:write"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().missing()).extracting(MissingPermission::permission).containsExactly("messages:write");
    }

    @Test
    void bindingsGiveRolesByPrincipalIdGroupApiKeyAndClaim() {
        Authorizer bound = authorizer("""
                roles:
                  writer: { permissions: ["messages:write"] }
                  admin:  { permissions: ["*:*"] }
                bindings:
                  - { roles: [writer], principals: [alice] }
                  - { roles: [writer], groups: [editors] }
                  - { roles: [writer], api-keys: [key_01] }
                  - { roles: [admin], claims: { org_role: admin } }
                """);
        AccessRequest write = needs("POST", "/m", "messages:write");

        assertThat(bound.decide(user("alice"), write).allowed()).isTrue();
        assertThat(bound.decide(user("bob", Map.of("groups", List.of("staff", "editors"))), write).allowed()).isTrue();
        assertThat(bound.decide(user("carol", Map.of("groups", "editors")), write).allowed()).isTrue();
        assertThat(bound.decide(apiKey("key_01"), write).allowed()).isTrue();
        assertThat(bound.decide(user("dave", Map.of("org_role", "admin")), needs("DELETE", "/o", "orgs:delete")).allowed())
                .isTrue();
        assertThat(bound.decide(user("erin", Map.of("org_role", "member", "groups", List.of("staff"))), write).allowed())
                .isFalse();
    }

    @Test
    void principalBindingDoesNotMatchAnApiKeyWithTheSameIdNorTheOtherWayRound() {
        Authorizer bound = authorizer("""
                roles:
                  writer: { permissions: ["messages:write"] }
                bindings:
                  - { roles: [writer], principals: [alice], api-keys: [key_01] }
                """);
        AccessRequest write = needs("POST", "/m", "messages:write");

        assertThat(bound.decide(apiKey("alice"), write).allowed()).isFalse();
        assertThat(bound.decide(user("key_01"), write).allowed()).isFalse();
    }

    @Test
    void boundRolesInheritLikeHeldOnes() {
        Authorizer bound = authorizer("""
                roles:
                  reader: { permissions: ["messages:read"] }
                  writer: { permissions: ["messages:write"], inherits: [reader] }
                bindings:
                  - { roles: [writer], groups: [editors] }
                """);
        Principal p = new Principal("bob", Principal.Type.CLIENT, "oauth2", Set.of(), Set.of(),
                Map.of("groups", List.of("editors")));

        assertThat(bound.decide(p, needs("GET", "/m", "messages:read")).allowed()).isTrue();
    }
}
