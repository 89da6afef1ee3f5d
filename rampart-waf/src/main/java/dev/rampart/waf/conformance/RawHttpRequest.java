package dev.rampart.waf.conformance;

import dev.rampart.waf.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP/1.1 front end of the conformance runner: parses the raw bytes a go-ftw stage sends into
 * an {@link HttpRequest}, or rejects them with 400 as a strict server does before any WAF sees the
 * request (RFC 9112 request-line and field syntax; a request-target with {@code #}, {@code \} or
 * whitespace; a CONNECT target without port; an invalid Host or Content-Length; HTTP/0.x).
 */
final class RawHttpRequest {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/([0-9])\\.([0-9])");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._~\\-]+(:[0-9]*)?|\\[[0-9A-Fa-f:.]+\\](:[0-9]*)?");
    private static final Pattern AUTHORITY = Pattern.compile("[^/?#@\\s]+:[0-9]+");

    /** The parsed request, or the reason a strict server answers 400. */
    record Parsed(HttpRequest request, String rejection) {}

    private RawHttpRequest() {}

    static Parsed parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        int separator = 4;
        if (headerEnd < 0) {
            headerEnd = text.indexOf("\n\n");
            separator = 2;
        }
        if (headerEnd < 0) {
            headerEnd = text.length();
            separator = 0;
        }
        String head = text.substring(0, headerEnd);
        byte[] rest = Arrays.copyOfRange(raw, Math.min(raw.length, headerEnd + separator), raw.length);
        String[] lines = head.split("\r?\n", -1);
        String requestLine = lines[0];
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3) {
            return rejected("request line is not 'method SP target SP version'");
        }
        String method = parts[0];
        String target = parts[1];
        // A request line without version is an HTTP/0.9 simple request (RFC 1945 section 4.1).
        String version = parts[2].isEmpty() ? "HTTP/0.9" : parts[2];
        if (!TOKEN.matcher(method).matches()) {
            return rejected("method is not a token");
        }
        Matcher versionMatch = VERSION.matcher(version);
        if (!versionMatch.matches() || (versionMatch.group(1).equals("0") && !parts[2].isEmpty())) {
            return rejected("unsupported HTTP version");
        }
        String targetRejection = checkTarget(method, target);
        if (targetRejection != null) {
            return rejected(targetRejection);
        }
        List<HttpRequest.Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                return rejected("malformed header line");
            }
            String value = line.substring(colon + 1).trim();
            if (value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                return rejected("CR or NUL in a header value");
            }
            headers.add(new HttpRequest.Header(line.substring(0, colon), value));
        }
        String host = first(headers, "Host");
        if (host != null && !HOST.matcher(host).matches() && !(host.isEmpty() && !version.equals("HTTP/1.1"))) {
            return rejected("invalid Host");
        }
        byte[] body = rest;
        String transferEncoding = first(headers, "Transfer-Encoding");
        String contentLength = first(headers, "Content-Length");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            // RFC 9112 section 6.3: Transfer-Encoding overrides Content-Length, which the server drops.
            headers.removeIf(h -> h.name().equalsIgnoreCase("Content-Length"));
            body = dechunk(rest);
            if (body == null) {
                return rejected("malformed chunked body");
            }
        } else if (contentLength != null) {
            if (!contentLength.matches("[0-9]+")) {
                return rejected("invalid Content-Length");
            }
            long length = Long.parseLong(contentLength);
            if (length < body.length) {
                body = Arrays.copyOf(body, (int) length);
            }
        } else {
            body = new byte[0];
        }
        return new Parsed(new HttpRequest(method, target, version, combined(headers), body, "127.0.0.1", 40000), null);
    }

    /**
     * Repeated fields combined into one, comma-separated, as RFC 9110 section 5.3 lets a recipient
     * do and Apache httpd (the reference server of the CRS tests) does; cookies stay apart.
     */
    private static List<HttpRequest.Header> combined(List<HttpRequest.Header> headers) {
        Map<String, HttpRequest.Header> byName = new LinkedHashMap<>();
        List<HttpRequest.Header> result = new ArrayList<>();
        for (HttpRequest.Header header : headers) {
            String key = header.name().toLowerCase(Locale.ROOT);
            HttpRequest.Header previous = byName.get(key);
            if (previous == null || key.equals("cookie")) {
                byName.putIfAbsent(key, header);
                result.add(header);
            } else {
                HttpRequest.Header merged = new HttpRequest.Header(previous.name(), previous.value() + ", " + header.value());
                result.set(result.indexOf(previous), merged);
                byName.put(key, merged);
            }
        }
        return result;
    }

    private static String checkTarget(String method, String target) {
        if (target.isEmpty()) {
            return "empty request target";
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c == 0x7F || c == '#') {
                return "invalid character in request target";
            }
        }
        if (method.equals("CONNECT")) {
            return AUTHORITY.matcher(target).matches() ? null : "CONNECT target is not host:port";
        }
        if (target.equals("*")) {
            return method.equals("OPTIONS") ? null : "asterisk target outside OPTIONS";
        }
        if (target.startsWith("/")) {
            return null;
        }
        int scheme = target.indexOf("://");
        if (scheme > 0 && target.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return null;
        }
        return "request target is not origin-form or absolute-form";
    }

    private static byte[] dechunk(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", position);
            if (lineEnd < 0) {
                return out.toByteArray();
            }
            String sizeText = text.substring(position, lineEnd).trim();
            int semicolon = sizeText.indexOf(';');
            if (semicolon >= 0) {
                sizeText = sizeText.substring(0, semicolon);
            }
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                return null;
            }
            if (size == 0) {
                return out.toByteArray();
            }
            int start = lineEnd + 2;
            if (start + size > body.length) {
                return null;
            }
            out.write(body, start, size);
            position = start + size + 2;
        }
    }

    private static String first(List<HttpRequest.Header> headers, String name) {
        for (HttpRequest.Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    private static Parsed rejected(String reason) {
        return new Parsed(null, reason);
    }
}
