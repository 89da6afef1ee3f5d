package dev.rampart.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.waf.detect.html.CharacterReferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Replays the payloads of the CRS v4.28.0 regression cases for rules 942100 ({@code @detectSQLi})
 * and 941100 ({@code @detectXSS}) through the detectors, outside the engine: each case's request
 * is split into the variables the rule targets (query and form arguments and their names, XML
 * attribute values and text, the User-Agent, Referer and Cookie headers), the rule's decoding
 * transformations are approximated, and the case agrees when the detector's verdict on any value
 * is what {@code expect_ids} / {@code no_expect_ids} says. Skipped when {@code ../shared} is absent.
 */
class CrsRegressionPayloadsTest {

    private static final Path TESTS = Path.of("crs-v4.28.0", "tests", "regression", "tests");
    private static final Pattern XML_VALUES = Pattern.compile("=\"([^\"]*)\"|>([^<]+)<");

    @Test
    void sqlInjectionDetectorAgreesWithRule942100Cases() throws Exception {
        int agreed = replay("REQUEST-942-APPLICATION-ATTACK-SQLI/942100.yaml", "942100", new SqlInjectionDetector(),
                true, CrsRegressionPayloadsTest::urlDecodeUni);
        assertThat(agreed).as("942100 cases the SQLi detector agrees with").isGreaterThanOrEqualTo(14);
    }

    @Test
    void xssDetectorAgreesWithRule941100Cases() throws Exception {
        int agreed = replay("REQUEST-941-APPLICATION-ATTACK-XSS/941100.yaml", "941100", new XssDetector(), false,
                value -> CharacterReferences.decode(urlDecodeUni(value)));
        assertThat(agreed).as("941100 cases the XSS detector agrees with").isGreaterThanOrEqualTo(7);
    }

    private static int replay(String file, String ruleId, InjectionDetector detector, boolean inspectsReferer,
            UnaryOperator<String> transformations) throws Exception {
        Path cases = sharedDirectory().resolve(TESTS).resolve(file);
        assumeTrue(Files.isRegularFile(cases), "CRS regression tests not found at " + cases + "; skipping");
        JsonNode tests = new YAMLMapper().readTree(cases.toFile()).get("tests");
        int agreed = 0;
        for (JsonNode test : tests) {
            JsonNode stage = test.get("stages").get(0);
            JsonNode log = stage.get("output").get("log");
            boolean expected = log.has("expect_ids") && log.get("expect_ids").toString().contains(ruleId);
            boolean detected = false;
            for (String value : targetedValues(stage.get("input"), inspectsReferer)) {
                detected |= detector.detect(transformations.apply(value)).isPresent();
            }
            if (detected == expected) {
                agreed++;
            } else {
                System.out.printf("  %s test %s: expected %s, detector %s%n", ruleId, test.get("test_id"),
                        expected ? "a match" : "no match", detected ? "matched" : "did not match");
            }
        }
        System.out.printf("%s: %s agrees with %d of %d CRS regression cases%n", ruleId,
                detector.getClass().getSimpleName(), agreed, tests.size());
        return agreed;
    }

    private static List<String> targetedValues(JsonNode input, boolean inspectsReferer) {
        List<String> values = new ArrayList<>();
        String uri = input.path("uri").asString("");
        if (uri.indexOf('?') >= 0) {
            addArguments(uri.substring(uri.indexOf('?') + 1), values);
        }
        String data = input.path("data").asString("");
        if (data.startsWith("<")) {
            Matcher xml = XML_VALUES.matcher(data);
            while (xml.find()) {
                values.add(CharacterReferences.decode(xml.group(1) != null ? xml.group(1) : xml.group(2)));
            }
        } else if (!data.isEmpty()) {
            addArguments(data, values);
        }
        JsonNode headers = input.path("headers");
        values.add(headers.path("User-Agent").asString(""));
        if (inspectsReferer) {
            values.add(headers.path("Referer").asString(""));
        }
        for (String cookie : headers.path("Cookie").asString("").split(";")) {
            addNameAndValue(cookie.trim(), values, false);
        }
        return values;
    }

    /** ARGS and ARGS_NAMES of a query string or form body, decoded as the body processor does. */
    private static void addArguments(String encoded, List<String> values) {
        for (String pair : encoded.split("&")) {
            addNameAndValue(pair, values, true);
        }
    }

    private static void addNameAndValue(String pair, List<String> values, boolean urlEncoded) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        values.add(urlEncoded ? urlDecodeUni(name) : name);
        values.add(urlEncoded ? urlDecodeUni(value) : value);
    }

    /** ModSecurity's lenient urlDecodeUni: {@code +}, {@code %XX} and {@code %uXXXX}; invalid escapes stay. */
    static String urlDecodeUni(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                out.append(' ');
            } else if (c == '%' && i + 5 < value.length() && (value.charAt(i + 1) | 0x20) == 'u'
                    && isHex(value, i + 2, 4)) {
                out.append((char) Integer.parseInt(value.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '%' && i + 2 < value.length() && isHex(value, i + 1, 2)) {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c != '\0') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String value, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code ../shared} beside the repository: walks up from the module directory. */
    private static Path sharedDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path shared = dir.resolveSibling("shared");
            if (Files.isDirectory(shared.resolve("crs-v4.28.0"))) {
                return shared;
            }
            dir = dir.getParent();
        }
        return Path.of("..", "..", "shared");
    }
}
