package dev.rampart.core.config;

/**
 * One thing the detector does when a rule fires or a playbook runs.
 */
public record DetectionActionConfig(
        @Required @Doc("'incident' (open one, or add to the open one of the same rule and group), 'alert', 'ban_ip' "
                + "(through the escalating ban list), 'revoke' or 'disable' (a credential).") Action action,
        @Doc("For revoke/disable: 'api_key', 'oauth2_client' or 'user'. Default api_key.") Credential credential,
        @Doc("Event field holding the address to ban or the credential id: client_ip, principal, code, source, route, "
                + "or details.<name>. Default client_ip for ban_ip, details.key_id for an api_key, principal otherwise.")
        String target) {

    /** What the action does. */
    public enum Action {
        incident,
        alert,
        ban_ip,
        revoke,
        disable
    }

    /** Which kind of credential revoke/disable applies to. */
    public enum Credential {
        api_key,
        oauth2_client,
        user
    }

    public DetectionActionConfig {
        credential = credential == null ? Credential.api_key : credential;
    }

    public static DetectionActionConfig of(Action action) {
        return new DetectionActionConfig(action, null, null);
    }
}
