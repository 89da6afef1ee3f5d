package dev.rampart.waf.conformance;

import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.HttpResponse;
import dev.rampart.waf.RuleMatch;
import dev.rampart.waf.Transaction;
import dev.rampart.waf.Verdict;
import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Replays go-ftw regression cases (the YAML format of the OWASP CRS test suite) in-process: each
 * stage's request goes through a strict HTTP/1.1 parser, then the engine; a request to
 * {@code /reflect} is answered with the status, headers and body its JSON asks for, as the albedo
 * back end of go-ftw does. A case passes when every stage's {@code expect_ids},
 * {@code no_expect_ids}, {@code status} and log regexes hold against the logged rule matches.
 */
public final class FtwRunner {

    /** One case's outcome; {@code reason} says what did not hold when it failed. */
    public record CaseResult(String id, boolean passed, String reason) {}

    /** All outcomes, in file and case order. */
    public record Report(List<CaseResult> results) {

        public long passed() {
            return results.stream().filter(CaseResult::passed).count();
        }

        public long failed() {
            return results.size() - passed();
        }

        public List<CaseResult> failures() {
            return results.stream().filter(r -> !r.passed()).toList();
        }

        /** The passing share, 0–1. */
        public double passRate() {
            return results.isEmpty() ? 0 : (double) passed() / results.size();
        }

        /** {@code N passed, M failed} and the failing case ids. */
        public String summary() {
            StringBuilder text = new StringBuilder();
            text.append(passed()).append(" passed, ").append(failed()).append(" failed");
            if (failed() > 0) {
                text.append("\nfailing: ");
                text.append(String.join(" ", failures().stream().map(CaseResult::id).toList()));
            }
            return text.toString();
        }
    }

    /** Expected output of a stage, as in the test file or replaced by an overrides file. */
    private record Expectation(Set<Integer> expectIds, Set<Integer> noExpectIds, List<Integer> statuses,
            List<String> matchRegexes, List<String> noMatchRegexes, boolean expectError) {}

    private final WafRules rules;
    private final Map<String, JsonNode> overrides;
    private final YAMLMapper yaml = new YAMLMapper();
    private final JsonMapper json = new JsonMapper();

    /** A runner against {@code rules}, with test expectations as written upstream. */
    public FtwRunner(WafRules rules) {
        this(rules, Map.of());
    }

    private FtwRunner(WafRules rules, Map<String, JsonNode> overrides) {
        this.rules = rules;
        this.overrides = overrides;
    }

    /**
     * The SecLang configuration the CRS regression README asks for, around a CRS checkout at
     * {@code crsDirectory}: DetectionOnly, body access, JSON/XML body processors chosen by
     * Content-Type as ModSecurity's recommended configuration does, crs-setup.conf.example, the
     * README's rule 900005 (paranoia 4, test limits), then {@code rules/*.conf}.
     */
    public static String crsConfiguration(Path crsDirectory) {
        Path root = crsDirectory.toAbsolutePath();
        return String.join("\n",
                "SecRuleEngine DetectionOnly",
                "SecRequestBodyAccess On",
                "SecResponseBodyAccess On",
                "SecResponseBodyMimeType text/plain text/html text/xml application/json",
                "SecRequestBodyLimit 13107200",
                "SecRequestBodyNoFilesLimit 131072",
                "SecRule REQUEST_HEADERS:Content-Type \"@rx ^(?:application(?:/soap\\+|/)|text/)xml\" "
                        + "\"id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML\"",
                "SecRule REQUEST_HEADERS:Content-Type \"@rx ^application/(?:[a-z0-9.-]+\\+)?json\" "
                        + "\"id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON\"",
                "Include \"" + root.resolve("crs-setup.conf.example") + "\"",
                "SecAction \"id:900005,phase:1,nolog,pass,ctl:ruleEngine=DetectionOnly,ctl:ruleRemoveById=910000,"
                        + "setvar:tx.blocking_paranoia_level=4,setvar:tx.crs_validate_utf8_encoding=1,"
                        + "setvar:tx.arg_name_length=100,setvar:tx.arg_length=400,setvar:tx.total_arg_length=64000,"
                        + "setvar:tx.max_num_args=255,setvar:tx.max_file_size=64100,setvar:tx.combined_file_sizes=65535\"",
                "Include \"" + root.resolve("rules") + "/*.conf\"",
                "");
    }

    /** CRS at {@code crsDirectory} loaded as {@link #crsConfiguration} says. */
    public static WafRules loadCrs(Path crsDirectory) {
        return WafRules.parse(crsConfiguration(crsDirectory), crsDirectory.toAbsolutePath(), WafSettings.defaults());
    }

    /**
     * This runner with the expectations of a go-ftw overrides file (e.g. the CRS suite's
     * coraza-overrides.yaml) replacing those of the cases it names.
     */
    public FtwRunner withOverrides(Path overridesFile) throws IOException {
        Map<String, JsonNode> byCase = new HashMap<>(overrides);
        JsonNode root = yaml.readTree(overridesFile.toFile());
        for (JsonNode override : root.path("test_overrides").values()) {
            String ruleId = override.path("rule_id").asString();
            for (JsonNode testId : override.path("test_ids").values()) {
                byCase.put(ruleId + "-" + testId.asString(), override.path("output"));
            }
        }
        return new FtwRunner(rules, byCase);
    }

    /** Runs every {@code *.yaml} case under {@code testsDirectory}, in path order. */
    public Report run(Path testsDirectory) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(testsDirectory)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<CaseResult> results = new ArrayList<>();
        for (Path file : files) {
            JsonNode document = yaml.readTree(file.toFile());
            String ruleId = document.path("rule_id").asString("");
            if (ruleId.isEmpty()) {
                String name = file.getFileName().toString();
                ruleId = name.substring(0, name.length() - ".yaml".length());
            }
            for (JsonNode test : document.path("tests").values()) {
                String id = ruleId + "-" + test.path("test_id").asString();
                results.add(runCase(id, test));
            }
        }
        return new Report(results);
    }

    private CaseResult runCase(String id, JsonNode test) {
        int stageNumber = 0;
        for (JsonNode stage : test.path("stages").values()) {
            stageNumber++;
            JsonNode input = stage.has("stage") ? stage.path("stage").path("input") : stage.path("input");
            JsonNode output = stage.has("stage") ? stage.path("stage").path("output") : stage.path("output");
            if (overrides.containsKey(id)) {
                output = overrides.get(id);
            }
            String failure;
            try {
                failure = runStage(input, expectation(output));
            } catch (RuntimeException e) {
                failure = "engine error: " + e + " at " + Arrays.stream(e.getStackTrace()).limit(4)
                        .map(StackTraceElement::toString).toList();
            }
            if (failure != null) {
                return new CaseResult(id, false, "stage " + stageNumber + ": " + failure);
            }
        }
        return new CaseResult(id, true, "");
    }

    private Expectation expectation(JsonNode output) {
        JsonNode log = output.path("log");
        Set<Integer> expect = ids(log.path("expect_ids"));
        expect.addAll(ids(output.path("log_contains_id")));
        Set<Integer> noExpect = ids(log.path("no_expect_ids"));
        List<Integer> statuses = new ArrayList<>();
        JsonNode status = output.path("status");
        if (status.isArray()) {
            status.values().forEach(s -> statuses.add(s.asInt()));
        } else if (!status.isMissingNode()) {
            statuses.add(status.asInt());
        }
        List<String> match = new ArrayList<>();
        List<String> noMatch = new ArrayList<>();
        if (log.has("match_regex")) {
            match.add(log.path("match_regex").asString());
        }
        if (log.has("no_match_regex")) {
            noMatch.add(log.path("no_match_regex").asString());
        }
        return new Expectation(expect, noExpect, statuses, match, noMatch, output.path("expect_error").asBoolean(false));
    }

    private static Set<Integer> ids(JsonNode node) {
        Set<Integer> ids = new HashSet<>();
        if (node.isArray()) {
            node.values().forEach(n -> ids.add(n.asInt()));
        } else if (!node.isMissingNode()) {
            ids.add(node.asInt());
        }
        return ids;
    }

    /** Null when the stage met its expectation, else what did not hold. */
    private String runStage(JsonNode input, Expectation expected) {
        RawHttpRequest.Parsed parsed = RawHttpRequest.parse(rawRequest(input));
        List<RuleMatch> matches = List.of();
        int status;
        if (parsed.request() == null) {
            status = 400;
        } else {
            Transaction tx = rules.newTransaction(parsed.request());
            Verdict verdict = tx.processRequest();
            if (verdict.denied()) {
                status = verdict.status();
            } else {
                HttpResponse response = backendResponse(parsed.request());
                verdict = tx.processResponse(response);
                status = verdict.denied() ? verdict.status() : response.status();
            }
            matches = tx.processLogging().matches();
        }
        Set<Integer> logged = new HashSet<>();
        StringBuilder log = new StringBuilder();
        for (RuleMatch match : matches) {
            logged.add(match.ruleId());
            log.append("[id \"").append(match.ruleId()).append("\"] [msg \"").append(escape(match.message()))
                    .append("\"] [data \"").append(escape(match.data())).append("\"]\n");
        }
        List<String> problems = new ArrayList<>();
        for (int id : expected.expectIds()) {
            if (!logged.contains(id)) {
                problems.add("expected rule " + id + " to match");
            }
        }
        for (int id : expected.noExpectIds()) {
            if (logged.contains(id)) {
                problems.add("expected rule " + id + " not to match");
            }
        }
        if (!expected.statuses().isEmpty() && !expected.statuses().contains(status)) {
            problems.add("expected status " + expected.statuses() + ", got " + status
                    + (parsed.rejection() == null ? "" : " (" + parsed.rejection() + ")"));
        }
        for (String regex : expected.matchRegexes()) {
            if (!Pattern.compile(regex).matcher(log).find()) {
                problems.add("expected the log to match /" + regex + "/");
            }
        }
        for (String regex : expected.noMatchRegexes()) {
            if (Pattern.compile(regex).matcher(log).find()) {
                problems.add("expected the log not to match /" + regex + "/");
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems) + " (matched: " + logged + ")";
    }

    /** Log text as ModSecurity writes it: bytes outside printable ASCII as {@code \\xHH}, one match per line. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\x%02x", (int) c & 0xFF));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The bytes go-ftw sends for a stage: {@code encoded_request} as is, else built from its parts. */
    private static byte[] rawRequest(JsonNode input) {
        if (input.has("encoded_request")) {
            return Base64.getMimeDecoder().decode(input.path("encoded_request").asString());
        }
        String method = input.path("method").asString("GET");
        String uri = input.path("uri").asString("/");
        String version = input.path("version").asString("HTTP/1.1");
        String data = input.path("data").asString("");
        boolean autocomplete = input.path("autocomplete_headers").asBoolean(true);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : input.path("headers").properties()) {
            headers.put(header.getKey(), header.getValue().asString());
        }
        if (autocomplete) {
            if (!data.isEmpty() && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Length"))) {
                headers.put("Content-Length", Integer.toString(data.getBytes(StandardCharsets.UTF_8).length));
            }
            if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Connection"))) {
                headers.put("Connection", "close");
            }
        }
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(uri).append(' ').append(version).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] dataBytes = data.getBytes(StandardCharsets.UTF_8);
        byte[] raw = new byte[headBytes.length + dataBytes.length];
        System.arraycopy(headBytes, 0, raw, 0, headBytes.length);
        System.arraycopy(dataBytes, 0, raw, headBytes.length, dataBytes.length);
        return raw;
    }

    /** What go-ftw's albedo back end answers: /reflect echoes the status, headers and body its JSON asks for. */
    private HttpResponse backendResponse(HttpRequest request) {
        String path = request.uri();
        int question = path.indexOf('?');
        if (question >= 0) {
            path = path.substring(0, question);
        }
        if (path.equals("/reflect") && request.body().length > 0) {
            try {
                JsonNode spec = json.readTree(request.body());
                int status = spec.path("status").asInt(200);
                List<HttpRequest.Header> headers = new ArrayList<>();
                for (Map.Entry<String, JsonNode> header : spec.path("headers").properties()) {
                    headers.add(new HttpRequest.Header(header.getKey(), header.getValue().asString()));
                }
                byte[] body = spec.has("encodedBody")
                        ? Base64.getDecoder().decode(spec.path("encodedBody").asString())
                        : spec.path("body").asString("").getBytes(StandardCharsets.UTF_8);
                if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
                    headers.add(new HttpRequest.Header("Content-Type", sniff(body)));
                }
                return new HttpResponse(status, "HTTP/1.1", headers, body);
            } catch (RuntimeException e) {
                return new HttpResponse(400, "HTTP/1.1", List.of(), new byte[0]);
            }
        }
        return new HttpResponse(200, "HTTP/1.1", List.of(new HttpRequest.Header("Content-Type", "text/plain")),
                new byte[0]);
    }

    /** The Content-Type Go's http server sniffs for a body without one (HTML when it opens with a tag). */
    private static String sniff(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).stripLeading();
        return start.startsWith("<") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
    }
}
