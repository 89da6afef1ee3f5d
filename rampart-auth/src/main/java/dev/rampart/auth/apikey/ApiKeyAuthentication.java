package dev.rampart.auth.apikey;

import dev.rampart.core.Principal;
import java.util.Objects;

/** The outcome of {@link ApiKeys#authenticate}: accepted with a principal, or rejected with a reason. */
public sealed interface ApiKeyAuthentication {

    /** The key is valid for this client; {@code principal} is of type API_KEY, authenticator "api-key". */
    record Accepted(Principal principal) implements ApiKeyAuthentication {
        public Accepted {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * The key was not accepted.
     *
     * @param keyId the key id when the key was well formed (for events and logs), otherwise {@code null}
     */
    record Rejected(ApiKeyRejection reason, String keyId) implements ApiKeyAuthentication {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
