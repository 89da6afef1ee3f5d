package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void parsesResourceAndAction() {
        assertThat(Permission.parse("messages:write")).isEqualTo(new Permission("messages", "write"));
        assertThat(Permission.parse("*:read").toString()).isEqualTo("*:read");
    }

    @Test
    void wildcardsGrantWhatTheyCover() {
        Permission write = Permission.parseRequired("messages:write");

        assertThat(Permission.parse("messages:*").grants(write)).isTrue();
        assertThat(Permission.parse("*:write").grants(write)).isTrue();
        assertThat(Permission.parse("*:*").grants(write)).isTrue();
        assertThat(Permission.parse("messages:read").grants(write)).isFalse();
        assertThat(Permission.parse("threads:*").grants(write)).isFalse();
    }

    @Test
    void refusesTextThatIsNotResourceColonAction() {
        for (String bad : new String[] {"messages", "a:b:c:d", ":write", "messages:", "mess*:write", "a b:c"}) {
            assertThatThrownBy(() -> Permission.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("write resource:action");
        }
    }

    @Test
    void targetedPermissionsGrantOnlyTheirTargets() {
        Permission encryptPayments = Permission.parseRequired("transit:encrypt:payments");
        Permission readOrders = Permission.parseRequired("secrets:read:apps/orders/db");

        assertThat(encryptPayments.target()).isEqualTo("payments");
        assertThat(Permission.parse("transit:encrypt:payments").grants(encryptPayments)).isTrue();
        assertThat(Permission.parse("transit:*:payments").grants(encryptPayments)).isTrue();
        assertThat(Permission.parse("transit:encrypt:*").grants(encryptPayments)).isTrue();
        assertThat(Permission.parse("transit:encrypt:orders").grants(encryptPayments)).isFalse();
        assertThat(Permission.parse("secrets:read:apps/orders/*").grants(readOrders)).isTrue();
        assertThat(Permission.parse("secrets:read:apps/*").grants(readOrders)).isTrue();
        assertThat(Permission.parse("secrets:read:apps/ord/*").grants(readOrders)).isFalse();
        assertThat(Permission.parse("secrets:read:apps/orders/db/*").grants(readOrders)).isFalse();
    }

    @Test
    void twoPartPatternsNeverGrantTargetedPermissions() {
        assertThat(Permission.parse("*:*").grants(Permission.parseRequired("transit:encrypt:payments"))).isFalse();
        assertThat(Permission.parse("*:*:*").grants(Permission.parseRequired("messages:read"))).isFalse();
    }

    @Test
    void coveringTargetsGoFromTheTargetOutwards() {
        assertThat(Permission.coveringTargets("a/b/c")).containsExactly("a/b/c", "a/b/*", "a/*", "*");
        assertThat(Permission.coveringTargets("payments")).containsExactly("payments", "*");
    }

    @Test
    void refusesMalformedTargets() {
        for (String bad : new String[] {"transit:encrypt:", "secrets:read:a//b", "secrets:read:a*", "secrets:read:/a",
                "secrets:read:*/a"}) {
            assertThatThrownBy(() -> Permission.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("resource:action:target");
        }
        assertThatThrownBy(() -> Permission.parseRequired("secrets:read:apps/*")).hasMessageContaining("without '*'");
    }

    @Test
    void requiredPermissionRefusesWildcards() {
        assertThatThrownBy(() -> Permission.parseRequired("messages:*"))
                .hasMessageContaining("without '*'");
    }
}
