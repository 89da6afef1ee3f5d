package dev.rampart.core.config;

/** One receiver of alerts. */
public record WebhookConfig(
        @Required @Doc("The receiver's URL (https in production).") String url,
        @Secret @Doc("Key for the Rampart-Signature header (HMAC-SHA256); use ${ENV}. Required for format json.")
        String secret,
        @Doc("'json' (Rampart's signed payload, default) or 'slack' (a Slack incoming-webhook message).") Format format,
        @Doc("Least urgent severity sent, SEV-1 to SEV-4. Default SEV-4 (everything).") String minSeverity) {

    /** Payload shape. */
    public enum Format {
        json,
        slack
    }

    public WebhookConfig {
        format = format == null ? Format.json : format;
        minSeverity = minSeverity == null ? "SEV-4" : minSeverity;
    }
}
