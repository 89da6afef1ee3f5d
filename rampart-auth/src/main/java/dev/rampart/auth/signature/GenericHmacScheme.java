package dev.rampart.auth.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HMAC scheme described by configuration, for providers that are neither GitHub nor Stripe: the
 * signature header, algorithm, encoding and prefix, optional timestamp and nonce headers, and what is
 * signed, as a template such as {@code {timestamp}.{method}.{path}.{body}}.
 *
 * <p>Template components: {@code {method}}, {@code {path}} (the raw request target with its query),
 * {@code {timestamp}} and {@code {nonce}} (the header values as sent), {@code {body}} (the bytes as
 * received) and {@code {header:Name}}; the text between them is copied as is. Text components are
 * UTF-8. Two components must be separated by some text, and a request whose component contains the
 * text that follows it is refused as malformed: otherwise bytes could move from one component to the
 * next ({@code /a.b} + {@code .} + {@code c} signs like {@code /a} + {@code .} + {@code b.c}) and a
 * captured signature would cover a different path. Choose a separator that cannot occur, such as a
 * line feed.
 */
public final class GenericHmacScheme implements RequestSignatureVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_NONCE_RETENTION = Duration.ofHours(24);

    private static final Pattern COMPONENT = Pattern.compile("\\{([^{}]*)}");

    private final String signatureHeader;
    private final MacAlgorithm algorithm;
    private final SignatureEncoding encoding;
    private final String prefix;
    private final String timestampHeader;
    private final Duration tolerance;
    private final String nonceHeader;
    private final Duration nonceRetention;
    private final List<Segment> template;
    private final String templateText;
    private final List<HmacKey> keys;
    private final Clock clock;
    private final ReplayGuard replayGuard;

    private GenericHmacScheme(Builder b) {
        if (b.signatureHeader == null) {
            throw new IllegalArgumentException("GenericHmacScheme needs the signature header: call signatureHeader(name)");
        }
        this.signatureHeader = b.signatureHeader;
        this.algorithm = b.algorithm;
        this.encoding = b.encoding;
        this.prefix = b.prefix;
        this.timestampHeader = b.timestampHeader;
        this.tolerance = SignedTimestamp.checkedTolerance(b.tolerance);
        this.nonceHeader = b.nonceHeader;
        if (b.nonceRetention.isNegative() || b.nonceRetention.isZero()) {
            throw new IllegalArgumentException("nonceRetention must be positive, got " + b.nonceRetention);
        }
        this.nonceRetention = b.nonceRetention;
        this.templateText = b.signedContent;
        this.template = parse(b.signedContent, timestampHeader != null, nonceHeader != null);
        this.keys = b.keys.build("GenericHmacScheme");
        this.clock = b.clock;
        this.replayGuard = b.replayGuard != null ? b.replayGuard : new InMemoryReplayGuard(b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Verdict verify(SignedRequest request) {
        try {
            String header = request.singleHeader(signatureHeader, SignedRequest.MAX_SIGNATURE_HEADER_CHARS);
            if (header == null) {
                throw SignatureCheckFailed.missing(signatureHeader);
            }
            if (!header.startsWith(prefix)) {
                throw SignatureCheckFailed.malformed(signatureHeader + " must start with '" + prefix + "'");
            }
            byte[] mac = encoding.decode(header.substring(prefix.length()));
            if (mac == null || mac.length != algorithm.macLength()) {
                throw SignatureCheckFailed.malformed(signatureHeader + " must hold a " + algorithm.macLength()
                        + "-byte MAC in " + encoding.name().toLowerCase(Locale.ROOT));
            }
            String timestamp = requiredHeader(request, timestampHeader);
            long seconds = timestamp == null ? 0 : SignedTimestamp.parse(timestamp, timestampHeader);
            String nonce = requiredHeader(request, nonceHeader);
            if (nonce != null && (nonce.isEmpty() || !nonce.chars().allMatch(c -> c > ' ' && c < 127))) {
                throw SignatureCheckFailed.malformed(nonceHeader + " must be 1 or more visible ASCII characters");
            }

            byte[][] parts = signedParts(request, timestamp, nonce);
            byte[] identity = Hmac.verify(algorithm.jcaName(), keys, List.of(mac), parts);
            if (identity == null) {
                return Verdict.rejected(SignatureRejection.BAD_SIGNATURE, signatureHeader
                        + " does not match " + templateText + " under any configured secret");
            }

            Instant forgetAt = timestamp == null ? null : SignedTimestamp.checkWithin(seconds, tolerance, clock, timestampHeader);
            if (nonce != null) {
                Instant until = forgetAt != null ? forgetAt : clock.instant().plus(nonceRetention);
                if (!replayGuard.firstSeen("nonce:" + nonceHeader + ":" + nonce, until)) {
                    return Verdict.rejected(SignatureRejection.REPLAYED, nonceHeader + " was already used (a replayed request), or the replay guard is full");
                }
            } else if (forgetAt != null) {
                String key = "hmac:" + seconds + ":" + Base64.getEncoder().encodeToString(identity);
                if (!replayGuard.firstSeen(key, forgetAt)) {
                    return Verdict.rejected(SignatureRejection.REPLAYED,
                            "this timestamp and signature were already accepted (a replayed request), or the replay guard is full");
                }
            }
            return Verdict.accepted();
        } catch (SignatureCheckFailed failed) {
            return failed.verdict();
        }
    }

    private static String requiredHeader(SignedRequest request, String name) throws SignatureCheckFailed {
        if (name == null) {
            return null;
        }
        String value = request.singleHeader(name, SignedRequest.MAX_SIGNATURE_HEADER_CHARS);
        if (value == null) {
            throw SignatureCheckFailed.missing(name);
        }
        return value;
    }

    private byte[][] signedParts(SignedRequest request, String timestamp, String nonce) throws SignatureCheckFailed {
        byte[][] parts = new byte[template.size()][];
        for (int i = 0; i < template.size(); i++) {
            Segment segment = template.get(i);
            parts[i] = switch (segment.kind) {
                case LITERAL -> segment.literal;
                case METHOD -> utf8(request.method());
                case PATH -> utf8(request.target());
                case TIMESTAMP -> utf8(timestamp);
                case NONCE -> utf8(nonce);
                case BODY -> request.body();
                case HEADER -> {
                    String value = request.singleHeader(segment.headerName, Integer.MAX_VALUE);
                    if (value == null) {
                        throw SignatureCheckFailed.malformed("the signed header " + segment.headerName + " is absent");
                    }
                    yield utf8(value);
                }
            };
        }
        for (int i = 0; i + 1 < template.size(); i++) {
            Segment segment = template.get(i);
            Segment next = template.get(i + 1);
            if (segment.kind != Kind.LITERAL && next.kind == Kind.LITERAL && indexOf(parts[i], next.literal) >= 0) {
                throw SignatureCheckFailed.malformed("the signed " + segment.describe() + " contains the separator '"
                        + new String(next.literal, StandardCharsets.UTF_8).replace("\n", "\\n")
                        + "', so what is signed would be ambiguous");
            }
        }
        return parts;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private enum Kind { LITERAL, METHOD, PATH, TIMESTAMP, NONCE, BODY, HEADER }

    private record Segment(Kind kind, byte[] literal, String headerName) {
        String describe() {
            return kind == Kind.HEADER ? "header " + headerName : kind.name().toLowerCase(Locale.ROOT);
        }
    }

    private static List<Segment> parse(String text, boolean hasTimestampHeader, boolean hasNonceHeader) {
        List<Segment> segments = new ArrayList<>();
        Matcher m = COMPONENT.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                segments.add(new Segment(Kind.LITERAL, utf8(text.substring(at, m.start())), null));
            } else if (!segments.isEmpty()) {
                throw new IllegalArgumentException("signedContent '" + text + "': put a separator between {"
                        + segments.get(segments.size() - 1).describe() + "} and {" + m.group(1)
                        + "}, or their boundary is not signed");
            }
            segments.add(component(m.group(1), text));
            at = m.end();
        }
        if (at < text.length()) {
            segments.add(new Segment(Kind.LITERAL, utf8(text.substring(at)), null));
        }
        String leftover = COMPONENT.matcher(text).replaceAll("");
        if (leftover.indexOf('{') >= 0 || leftover.indexOf('}') >= 0) {
            throw new IllegalArgumentException("signedContent '" + text + "' has an unmatched brace");
        }
        long bodies = count(segments, Kind.BODY);
        if (bodies != 1) {
            throw new IllegalArgumentException("signedContent '" + text + "' must contain {body} exactly once:"
                    + " an unsigned body could be replaced");
        }
        requireConsistent(text, count(segments, Kind.TIMESTAMP), hasTimestampHeader, "timestamp", "timestampHeader");
        requireConsistent(text, count(segments, Kind.NONCE), hasNonceHeader, "nonce", "nonceHeader");
        return List.copyOf(segments);
    }

    private static long count(List<Segment> segments, Kind kind) {
        return segments.stream().filter(s -> s.kind == kind).count();
    }

    /** An unsigned timestamp or nonce could be changed by anyone, defeating the replay check. */
    private static void requireConsistent(String text, long occurrences, boolean configured, String component, String setter) {
        if (configured && occurrences != 1) {
            throw new IllegalArgumentException("signedContent '" + text + "' must contain {" + component
                    + "} exactly once when " + setter + " is set: an unsigned " + component + " can be changed at will");
        }
        if (!configured && occurrences > 0) {
            throw new IllegalArgumentException("signedContent '" + text + "' uses {" + component + "}: call " + setter + "(name)");
        }
    }

    private static Segment component(String name, String text) {
        return switch (name) {
            case "method" -> new Segment(Kind.METHOD, null, null);
            case "path" -> new Segment(Kind.PATH, null, null);
            case "timestamp" -> new Segment(Kind.TIMESTAMP, null, null);
            case "nonce" -> new Segment(Kind.NONCE, null, null);
            case "body" -> new Segment(Kind.BODY, null, null);
            default -> {
                if (name.startsWith("header:")) {
                    yield new Segment(Kind.HEADER, null, SignedRequest.checkedHeaderName(name.substring("header:".length())));
                }
                throw new IllegalArgumentException("signedContent '" + text + "': unknown component {" + name
                        + "}; use {method}, {path}, {timestamp}, {nonce}, {body} or {header:Name}");
            }
        };
    }

    @Override
    public String toString() {
        return "GenericHmacScheme[" + signatureHeader + ", " + algorithm + ", " + encoding + ", '" + templateText
                + "', " + keys.size() + " key(s)]";
    }

    public static final class Builder {
        private final SigningKeys keys = new SigningKeys();
        private String signatureHeader;
        private MacAlgorithm algorithm = MacAlgorithm.HMAC_SHA256;
        private SignatureEncoding encoding = SignatureEncoding.HEX;
        private String prefix = "";
        private String timestampHeader;
        private Duration tolerance = DEFAULT_TOLERANCE;
        private String nonceHeader;
        private Duration nonceRetention = DEFAULT_NONCE_RETENTION;
        private String signedContent = "{body}";
        private Clock clock = Clock.systemUTC();
        private ReplayGuard replayGuard;

        private Builder() {
        }

        public Builder key(HmacKey key) {
            keys.add(key);
            return this;
        }

        /** Required: the header holding the MAC. */
        public Builder signatureHeader(String name) {
            this.signatureHeader = SignedRequest.checkedHeaderName(name);
            return this;
        }

        /** Default HMAC-SHA256. */
        public Builder algorithm(MacAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** Default hex. */
        public Builder encoding(SignatureEncoding encoding) {
            this.encoding = Objects.requireNonNull(encoding, "encoding");
            return this;
        }

        /** Text before the MAC in the header, such as {@code sha256=}; default none. */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** A header with the signing time in Unix seconds; must then appear as {@code {timestamp}} in what is signed. */
        public Builder timestampHeader(String name) {
            this.timestampHeader = SignedRequest.checkedHeaderName(name);
            return this;
        }

        /** How far the timestamp may be from the clock, either way; default 5 minutes, at most 1 hour. */
        public Builder tolerance(Duration tolerance) {
            this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
            return this;
        }

        /** A header with a value used once; must then appear as {@code {nonce}} in what is signed. */
        public Builder nonceHeader(String name) {
            this.nonceHeader = SignedRequest.checkedHeaderName(name);
            return this;
        }

        /**
         * How long a nonce is remembered when there is no timestamp header; default 24 hours. Past it,
         * the same request is accepted again: a signed timestamp is what bounds a replay for good.
         */
        public Builder nonceRetention(Duration retention) {
            this.nonceRetention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** What is signed; default {@code {body}}. See the class comment for the components. */
        public Builder signedContent(String template) {
            this.signedContent = Objects.requireNonNull(template, "template");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default: an {@link InMemoryReplayGuard} of this verifier's own; share one across a cluster. */
        public Builder replayGuard(ReplayGuard guard) {
            this.replayGuard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        public GenericHmacScheme build() {
            return new GenericHmacScheme(this);
        }
    }
}
