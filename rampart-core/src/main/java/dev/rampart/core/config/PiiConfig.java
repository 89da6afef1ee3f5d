package dev.rampart.core.config;

import java.util.List;

/**
 * Sensitive data leaving a route ({@code routes[].pii}): upstream responses with a text-like media
 * type (JSON, XML, text/*, form) are held whole and scanned for the types listed; what is found is
 * reported, masked or refused.
 */
public record PiiConfig(
        @Doc("What to look for: card, iban, ssn, email, phone, ip, secret, jwt. Default: all of them.")
        List<PiiKind> detect,
        @Doc("What to do with a response that holds any: 'alert' (a pii.detected event with the types and counts, "
                + "never the values; the response goes out as is), 'mask' (the values are masked, e.g. "
                + "4111********1111) or 'block' (502 sensitive-data-blocked). Default alert.") Action action,
        @Doc("Lowest confidence acted on: 'low', 'medium' or 'high' (see rampart-detect's README). Default medium.")
        MinConfidence minConfidence,
        @Doc("Largest response body held and scanned. Default 1MiB.") DataSize maxBodySize,
        @Doc("A response that cannot be scanned: larger than max-body-size, still compressed although identity "
                + "was asked for, not valid text in its charset, or a partial (206) response to mask: 'block' "
                + "(502 sensitive-data-uninspected) or 'pass' (sent unscanned, a pii.not-inspected event). "
                + "Default block.") OnOversize onOversize,
        @Doc("Region (ISO 3166) whose numbering plan reads phone numbers written without '+'. Default US.")
        String phoneRegion) {

    /** A type of sensitive data. */
    public enum PiiKind {
        card,
        iban,
        ssn,
        email,
        phone,
        ip,
        secret,
        jwt
    }

    /** What the guard does with a response that holds sensitive data. */
    public enum Action {
        alert,
        mask,
        block
    }

    /** The lowest confidence acted on. */
    public enum MinConfidence {
        low,
        medium,
        high
    }

    /** What happens to a response that cannot be scanned. */
    public enum OnOversize {
        pass,
        block
    }

    public PiiConfig {
        detect = detect == null || detect.isEmpty() ? List.of(PiiKind.values()) : List.copyOf(detect);
        action = action == null ? Action.alert : action;
        minConfidence = minConfidence == null ? MinConfidence.medium : minConfidence;
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        onOversize = onOversize == null ? OnOversize.block : onOversize;
        phoneRegion = phoneRegion == null ? "US" : phoneRegion;
    }
}
