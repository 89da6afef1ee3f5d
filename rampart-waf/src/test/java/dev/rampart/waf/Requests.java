package dev.rampart.waf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test requests and inline rule sets. */
public final class Requests {

    private Requests() {}

    /** {@code rules} loaded as SecLang text, relative paths against the working directory. */
    public static WafRules rules(String rules) {
        return WafRules.parse(rules, Path.of("").toAbsolutePath(), WafSettings.defaults());
    }

    /** A GET of {@code uri} with a Host header and the given extra "Name: value" headers. */
    public static HttpRequest get(String uri, String... headers) {
        return HttpRequest.of("GET", uri, headerList(headers));
    }

    /** A POST of {@code body} with {@code contentType} and the given extra "Name: value" headers. */
    public static HttpRequest post(String uri, String contentType, String body, String... headers) {
        List<HttpRequest.Header> list = headerList(headers);
        list.add(new HttpRequest.Header("Content-Type", contentType));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        list.add(new HttpRequest.Header("Content-Length", Integer.toString(bytes.length)));
        return new HttpRequest("POST", uri, "HTTP/1.1", list, bytes, "192.0.2.7", 40000);
    }

    private static List<HttpRequest.Header> headerList(String... headers) {
        List<HttpRequest.Header> list = new ArrayList<>();
        list.add(new HttpRequest.Header("Host", "api.example"));
        for (String header : headers) {
            int colon = header.indexOf(':');
            list.add(new HttpRequest.Header(header.substring(0, colon), header.substring(colon + 1).trim()));
        }
        return list;
    }

    /** The ids matched when {@code rules} inspect {@code request} (phases 1, 2 and 5). */
    public static List<Integer> matchedIds(String rules, HttpRequest request) {
        Transaction tx = rules(rules).newTransaction(request);
        tx.processRequest();
        return tx.processLogging().matchedRuleIds();
    }
}
