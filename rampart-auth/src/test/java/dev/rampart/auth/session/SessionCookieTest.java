package dev.rampart.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionCookieTest {

    static final String ID = "q3m0cJ9x1lZrB2k7_-AbCdEfGhIjKlMnOpQrStUvWxY";

    @Test
    void setsAHostPrefixedSecureHttpOnlyStrictCookieWithoutDomain() {
        String header = SessionCookie.strict().setCookie(ID);

        assertThat(header).isEqualTo("__Host-rampart-session=" + ID + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        assertThat(header).doesNotContainIgnoringCase("domain").doesNotContainIgnoringCase("max-age");
    }

    @Test
    void laxIsAvailableForConsolesOpenedFromLinks() {
        assertThat(SessionCookie.lax().setCookie(ID)).endsWith("; SameSite=Lax");
        assertThat(SessionCookie.of(SessionCookie.SameSite.LAX).setCookie(ID)).endsWith("; SameSite=Lax");
    }

    @Test
    void clearingExpiresTheCookieWithTheSameAttributes() {
        assertThat(SessionCookie.strict().clearCookie())
                .isEqualTo("__Host-rampart-session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
    }

    @Test
    void refusesIdsThatWouldInjectAttributes() {
        assertThatThrownBy(() -> SessionCookie.strict().setCookie("abc; Domain=evil.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheSessionIdFromACookieHeaderAmongOthers() {
        SessionCookie cookie = SessionCookie.strict();
        assertThat(cookie.read("theme=dark; __Host-rampart-session=" + ID + "; lang=en")).contains(ID);
        assertThat(cookie.read("rampart-session=" + ID)).isEmpty();
        assertThat(cookie.read("__Host-rampart-session=")).isEmpty();
        assertThat(cookie.read(null)).isEmpty();
    }
}
