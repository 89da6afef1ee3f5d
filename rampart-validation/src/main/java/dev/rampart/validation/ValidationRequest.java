package dev.rampart.validation;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A request as validation sees it, independent of any HTTP server: method, raw path, query
 * parameters, headers, cookies and body. Built with {@link #builder(String, String)}; immutable.
 *
 * <pre>{@code
 * ValidationRequest request = ValidationRequest.builder("POST", "/v1/orders")
 *     .rawQuery("dryRun=true")
 *     .header("Content-Type", "application/json")
 *     .header("Cookie", "session=abc")
 *     .body(bytes)
 *     .build();
 * }</pre>
 */
public final class ValidationRequest {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final Map<String, String> cookies;
    private final Map<String, String> pathParams;
    private final byte[] body;
    private final Supplier<InputStream> bodyStream;

    private ValidationRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.query = Collections.unmodifiableMap(b.query);
        this.headers = Collections.unmodifiableMap(b.headers);
        Map<String, String> allCookies = new LinkedHashMap<>();
        for (String line : b.headers.getOrDefault("Cookie", List.of())) {
            parseCookies(line, allCookies);
        }
        allCookies.putAll(b.cookies);
        this.cookies = Collections.unmodifiableMap(allCookies);
        this.pathParams = Map.copyOf(b.pathParams);
        this.body = b.body;
        this.bodyStream = b.bodyStream;
    }

    /** A builder for a request with {@code method} and {@code rawPath} (percent-encoded, without query). */
    public static Builder builder(String method, String rawPath) {
        return new Builder(method, rawPath);
    }

    public String method() {
        return method;
    }

    /** The path as sent, percent-encoded, without the query. */
    public String path() {
        return path;
    }

    /** Decoded values of query parameter {@code name}, in order; empty when absent. */
    public List<String> query(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** Decoded query parameters, by name. */
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    /** Values of header {@code name} (case-insensitive); empty when absent. */
    public List<String> header(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** Cookie {@code name} from the Cookie header(s) or {@link Builder#cookie}, or null. */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /** All cookies, by name (the first occurrence of a name). */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** Path parameters the caller's router extracted (used by rule-based validation). */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    /** The Content-Type header, or null. */
    public String contentType() {
        List<String> values = header("Content-Type");
        return values.isEmpty() ? null : values.get(0);
    }

    /** Whether the request has a body (bytes given, possibly empty, or a stream). */
    public boolean hasBody() {
        return body != null && body.length > 0 || bodyStream != null;
    }

    /** The body when given as bytes, else null. */
    public byte[] bodyBytes() {
        return body;
    }

    /** Opens the body for reading (a new stream over the bytes, or the supplied stream); null without body. */
    public InputStream openBody() {
        if (bodyStream != null) {
            return bodyStream.get();
        }
        return body == null ? null : new ByteArrayInputStream(body);
    }

    private static void parseCookies(String header, Map<String, String> into) {
        // RFC 6265 §5.4: cookie-pair *( ";" SP cookie-pair ); the first occurrence of a name wins.
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                into.putIfAbsent(pair.substring(0, eq).trim(), value);
            }
        }
    }

    /** Builds a {@link ValidationRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private final Map<String, String> pathParams = new LinkedHashMap<>();
        private byte[] body;
        private Supplier<InputStream> bodyStream;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = Objects.requireNonNull(path, "path");
        }

        /**
         * Adds the parameters of a raw query string ({@code a=1&b=x%20y}); names and values are
         * decoded as application/x-www-form-urlencoded ('+' is a space). Malformed escapes are kept as sent.
         */
        public Builder rawQuery(String rawQuery) {
            if (rawQuery == null || rawQuery.isEmpty()) {
                return this;
            }
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
                queryParam(name, value);
            }
            return this;
        }

        /** Adds one decoded query parameter value. */
        public Builder queryParam(String name, String value) {
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /** Adds one header value. */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /** Adds a cookie (besides those parsed from Cookie headers, which this one overrides). */
        public Builder cookie(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        /** Path parameters from the caller's router, for rule-based validation (the OpenAPI mode matches its own). */
        public Builder pathParams(Map<String, String> params) {
            pathParams.putAll(params);
            return this;
        }

        /** The whole body (not copied: do not change the array afterwards). */
        public Builder body(byte[] bytes) {
            this.body = bytes;
            this.bodyStream = null;
            return this;
        }

        /** A body read as a stream, in chunks, so limits apply before it is all in memory; opened once per check. */
        public Builder body(Supplier<InputStream> stream) {
            this.bodyStream = stream;
            this.body = null;
            return this;
        }

        public ValidationRequest build() {
            return new ValidationRequest(this);
        }

        private static String formDecode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return s;
            }
        }
    }
}
