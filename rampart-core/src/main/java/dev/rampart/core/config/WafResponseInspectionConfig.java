package dev.rampart.core.config;

import java.util.List;

/**
 * Blocking inspection of upstream responses by a route's WAF ({@code waf.inspect-responses}): each
 * proxied response is held, up to the body limit, until the response rules (phases 3 and 4, CRS's
 * RESPONSE-95x data-leakage rules) have run, so that a leaking response can be withheld.
 */
public record WafResponseInspectionConfig(
        @Doc("How much of a response body the rules inspect; responses are held up to this size before any of "
                + "them is sent. Default 512KiB, at most 64MiB.") DataSize bodyLimit,
        @Doc("Media types whose bodies the rules inspect (SecResponseBodyMimeType); other responses are checked on "
                + "their status and headers only. Default [text/html, text/plain, application/json, application/xml].")
        List<String> mimeTypes,
        @Doc("A response of a listed type that cannot be inspected whole: longer than body-limit, or still "
                + "compressed although identity was asked for: 'block' (502 waf-response-uninspected) or 'pass' "
                + "(a waf.not-inspected event; a longer body is inspected up to body-limit, a compressed one on its "
                + "headers only). Default block.") OnOversize onOversize) {

    /** What happens to a response that cannot be inspected whole. */
    public enum OnOversize {
        pass,
        block
    }

    /** The media types CRS's data-leakage rules are written for. */
    public static final List<String> DEFAULT_MIME_TYPES = List.of("text/html", "text/plain", "application/json",
            "application/xml");

    public WafResponseInspectionConfig {
        bodyLimit = bodyLimit == null ? DataSize.ofKilobytes(512) : bodyLimit;
        mimeTypes = mimeTypes == null || mimeTypes.isEmpty() ? DEFAULT_MIME_TYPES : List.copyOf(mimeTypes);
        onOversize = onOversize == null ? OnOversize.block : onOversize;
    }
}
