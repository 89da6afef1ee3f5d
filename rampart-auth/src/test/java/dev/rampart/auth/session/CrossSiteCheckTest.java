package dev.rampart.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.auth.session.CrossSiteCheck.Verdict;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossSiteCheckTest {

    final CrossSiteCheck check = new CrossSiteCheck(Set.of("https://admin.example.com", "http://127.0.0.1:9090"));

    @Test
    void fetchMetadataDecidesWhenPresent() {
        assertThat(check.check("same-origin", null)).isEqualTo(Verdict.SAME_ORIGIN);
        assertThat(check.check("none", null)).isEqualTo(Verdict.SAME_ORIGIN);
        assertThat(check.check("cross-site", "https://admin.example.com")).isEqualTo(Verdict.CROSS_SITE);
        assertThat(check.check("same-site", null)).as("a sibling subdomain").isEqualTo(Verdict.CROSS_SITE);
        assertThat(check.check("Cross-Site", null)).isEqualTo(Verdict.CROSS_SITE);
    }

    @Test
    void otherwiseTheOriginMustBeOneOfTheConsoles() {
        assertThat(check.check(null, "https://admin.example.com")).isEqualTo(Verdict.SAME_ORIGIN);
        assertThat(check.check(null, "HTTPS://Admin.Example.com:443")).isEqualTo(Verdict.SAME_ORIGIN);
        assertThat(check.check(null, "http://127.0.0.1:9090")).isEqualTo(Verdict.SAME_ORIGIN);
        assertThat(check.check(null, "https://evil.example")).isEqualTo(Verdict.CROSS_SITE);
        assertThat(check.check(null, "http://admin.example.com")).as("another scheme").isEqualTo(Verdict.CROSS_SITE);
        assertThat(check.check(null, "https://admin.example.com.evil.example")).isEqualTo(Verdict.CROSS_SITE);
        assertThat(check.check(null, "null")).isEqualTo(Verdict.CROSS_SITE);
        assertThat(check.check(null, "not a url")).isEqualTo(Verdict.CROSS_SITE);
    }

    @Test
    void withNeitherHeaderOnlyTheTokenCanDecide() {
        assertThat(check.check(null, null)).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void onlyUnsafeMethodsNeedTheCheck() {
        assertThat(CrossSiteCheck.isUnsafe("POST")).isTrue();
        assertThat(CrossSiteCheck.isUnsafe("delete")).isTrue();
        assertThat(CrossSiteCheck.isUnsafe("PATCH")).isTrue();
        assertThat(CrossSiteCheck.isUnsafe("GET")).isFalse();
        assertThat(CrossSiteCheck.isUnsafe("HEAD")).isFalse();
        assertThat(CrossSiteCheck.isUnsafe("OPTIONS")).isFalse();
    }

    @Test
    void refusesConfiguredOriginsWithAPath() {
        assertThatThrownBy(() -> new CrossSiteCheck(Set.of("https://admin.example.com/console")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a path");
    }
}
