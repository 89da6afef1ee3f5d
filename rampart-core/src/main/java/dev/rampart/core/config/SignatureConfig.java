package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Signed requests on a route ({@code signature:}), as webhook senders sign them: the body and
 * signature header are checked before anything goes upstream; the body is passed on unchanged.
 */
public record SignatureConfig(
        @Required @Doc("How requests are signed: github (X-Hub-Signature-256: sha256=<hex> over the body), stripe "
                + "(Stripe-Signature: t=<unix time>,v1=<hex> over '<t>.<body>', with a tolerance and replay "
                + "protection) or generic (everything below).") String scheme,
        @Required @Secret @Doc("The shared secrets, newest first; during a rotation list the old one too. Reference "
                + "them: [\"${WEBHOOK_SECRET}\"].") List<String> secrets,
        @Doc("stripe: the signature header (default Stripe-Signature); generic: required, e.g. X-Signature.")
        String header,
        @Doc("stripe, generic with timestamp-header: how far the signed time may be from the gateway's clock, "
                + "at most 1h. Default 5m.") Duration tolerance,
        @Doc("generic: hmac-sha256 (default), hmac-sha384 or hmac-sha512.") String algorithm,
        @Doc("generic: hex (default) or base64.") String encoding,
        @Doc("generic: text before the MAC in the header, e.g. 'sha256='. Default none.") String prefix,
        @Doc("generic: header with the signed time (unix seconds); enables the tolerance check.") String timestampHeader,
        @Doc("generic: header with a one-time value; a repeated one is refused as a replay.") String nonceHeader,
        @Doc("generic: what is signed, e.g. '{timestamp}.{body}'; components {method}, {path}, {timestamp}, "
                + "{nonce}, {body}, {header:Name}. Default '{body}'.") String signedContent,
        @Doc("Largest body that is verified (and so accepted) on this route. Default: the route's max-body-size.")
        DataSize maxBodySize) {

    /** The schemes Rampart verifies. */
    public static final List<String> SCHEMES = List.of("github", "stripe", "generic");

    public SignatureConfig {
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }
}
