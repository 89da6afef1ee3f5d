package dev.rampart.auth.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a verifier sees of a request: method, request target as received (raw path with query, not
 * normalised, since the sender signed those bytes), headers looked up case-insensitively, and the
 * body. The body is read once by the caller and handed over as is: verifiers neither copy nor
 * modify it, so the same bytes are passed on to the upstream.
 */
public final class SignedRequest {

    /** Signature, timestamp and nonce header values longer than this are refused before any parsing. */
    public static final int MAX_SIGNATURE_HEADER_CHARS = 1024;

    /** All values of a header, in order, matched without regard to letter case (RFC 9110 §5.1). */
    @FunctionalInterface
    public interface HeaderLookup {
        /** Empty when the header is absent; never null. */
        List<String> values(String name);
    }

    private final String method;
    private final String target;
    private final HeaderLookup headers;
    private final byte[] body;

    private SignedRequest(String method, String target, HeaderLookup headers, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * For callers that already hold a case-insensitive header map (Vert.x's {@code MultiMap::getAll});
     * {@code body} is not copied.
     */
    public static SignedRequest of(String method, String target, HeaderLookup headers, byte[] body) {
        return new SignedRequest(method, target, headers, body);
    }

    public static Builder builder(String method, String target) {
        return new Builder(method, target);
    }

    public String method() {
        return method;
    }

    /** The raw path with its query string, e.g. {@code /hooks/orders?since=1}. */
    public String target() {
        return target;
    }

    public List<String> headerValues(String name) {
        List<String> values = headers.values(name);
        return values == null ? List.of() : values;
    }

    /** The body as received; the same array that was passed in. */
    public byte[] body() {
        return body;
    }

    /**
     * The one value of a header that carries signature material, or null when absent. Two values are
     * refused: a proxy and the upstream could each pick a different one. Over-long values are refused
     * before they are parsed.
     */
    String singleHeader(String name, int maxChars) throws SignatureCheckFailed {
        List<String> values = headerValues(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw SignatureCheckFailed.malformed(name + " appears " + values.size() + " times; send it once");
        }
        String value = values.get(0);
        if (value.length() > maxChars) {
            throw SignatureCheckFailed.malformed(name + " is " + value.length() + " characters long, over the limit of " + maxChars);
        }
        return value.strip();
    }

    static String checkedHeaderName(String name) {
        Objects.requireNonNull(name, "header name");
        if (name.isBlank() || !name.chars().allMatch(c -> c > ' ' && c < 127 && c != ':')) {
            throw new IllegalArgumentException("'" + name + "' is not a header name (RFC 9110 §5.1: visible ASCII, no ':')");
        }
        return name;
    }

    /** Builds a request from individual headers; names are matched without regard to case. */
    public static final class Builder {
        private final String method;
        private final String target;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private byte[] body = new byte[0];

        private Builder(String method, String target) {
            this.method = method;
            this.target = target;
        }

        /** Adds a value; call again with the same name for a repeated header. */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new ArrayList<>())
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Not copied. */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        public SignedRequest build() {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            return new SignedRequest(method, target, name -> copy.getOrDefault(name, List.of()), body);
        }
    }
}
