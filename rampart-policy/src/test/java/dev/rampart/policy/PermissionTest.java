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
        for (String bad : new String[] {"messages", "a:b:c", ":write", "messages:", "mess*:write", "a b:c"}) {
            assertThatThrownBy(() -> Permission.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("write resource:action");
        }
    }

    @Test
    void requiredPermissionRefusesWildcards() {
        assertThatThrownBy(() -> Permission.parseRequired("messages:*"))
                .hasMessageContaining("without '*'");
    }
}
