package dev.rampart.auth.session;

import java.util.Objects;

/**
 * A session just created or rotated. {@link #id()} is the only copy of the session id: put it in the
 * cookie ({@link SessionCookie#setCookie}) and nowhere else; the store holds only its SHA-256.
 */
public record IssuedSession(String id, ActiveSession session) {

    public IssuedSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(session, "session");
    }

    @Override
    public String toString() {
        return "IssuedSession[" + session + "]";
    }
}
