package dev.rampart.waf.conformance;

import static dev.rampart.waf.Requests.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FtwRunnerTest {

    private static final String RULES = "SecRuleEngine DetectionOnly\nSecRequestBodyAccess On\n"
            + "SecResponseBodyAccess On\n"
            + "SecRule ARGS \"@contains attack\" \"id:100,phase:2,deny,log\"\n"
            + "SecRule RESPONSE_BODY \"@contains ORA-00933\" \"id:200,phase:4,deny,log\"";

    @TempDir
    Path tests;

    private FtwRunner.Report run(String yaml) throws Exception {
        Files.writeString(tests.resolve("100.yaml"), yaml);
        return new FtwRunner(rules(RULES)).run(tests);
    }

    @Test
    void honoursExpectIdsNoExpectIdsAndStatus() throws Exception {
        FtwRunner.Report report = run("rule_id: 100\ntests:\n"
                + "  - test_id: 1\n    stages:\n      - input:\n          uri: /?a=attack\n          headers: {Host: localhost}\n"
                + "        output:\n          status: 200\n          log:\n            expect_ids: [100]\n"
                + "  - test_id: 2\n    stages:\n      - input:\n          uri: /?a=fine\n          headers: {Host: localhost}\n"
                + "        output:\n          log:\n            no_expect_ids: [100]\n"
                + "  - test_id: 3\n    stages:\n      - input:\n          uri: /?a=attack\n          headers: {Host: localhost}\n"
                + "        output:\n          log:\n            no_expect_ids: [100]\n");

        assertThat(report.passed()).isEqualTo(2);
        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.id()).isEqualTo("100-3");
            assertThat(failure.reason()).contains("expected rule 100 not to match");
        });
        assertThat(report.summary()).startsWith("2 passed, 1 failed\nfailing: 100-3");
    }

    @Test
    void postsBodiesAndReflectsResponses() throws Exception {
        FtwRunner.Report report = run("rule_id: 100\ntests:\n"
                + "  - test_id: 1\n    stages:\n      - input:\n          method: POST\n          uri: /post\n"
                + "          headers: {Host: localhost, Content-Type: application/x-www-form-urlencoded}\n"
                + "          data: a=attack\n        output:\n          log:\n            expect_ids: [100]\n"
                + "  - test_id: 2\n    stages:\n      - input:\n          method: POST\n          uri: /reflect\n"
                + "          headers: {Host: localhost, Content-Type: application/json}\n"
                + "          data: '{\"body\": \"ORA-00933: SQL command not properly ended\"}'\n"
                + "        output:\n          log:\n            expect_ids: [200]\n            match_regex: 'id \"200\"'\n");

        assertThat(report.failures()).isEmpty();
        assertThat(report.passRate()).isEqualTo(1.0);
    }

    @Test
    void rejectsWhatAStrictHttpServerRejectsBeforeTheEngine() throws Exception {
        FtwRunner.Report report = run("rule_id: 100\ntests:\n"
                + "  - test_id: 1\n    stages:\n      - input:\n          method: \"  GET\"\n          uri: /?a=attack\n"
                + "          headers: {Host: localhost}\n        output:\n          status: 400\n"
                + "  - test_id: 2\n    stages:\n      - input:\n          uri: /?a=attack\n          version: HTTP/0.9\n"
                + "          headers: {Host: localhost}\n        output:\n          status: 400\n"
                + "  - test_id: 3\n    stages:\n      - input:\n          encoded_request: "
                + java.util.Base64.getEncoder().encodeToString(
                        "GET /?a=attack HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n".getBytes())
                + "\n        output:\n          status: 400\n");

        assertThat(report.failures()).isEmpty();
    }

    @Test
    void overridesReplaceTheExpectationsOfTheCasesTheyName() throws Exception {
        Files.writeString(tests.resolve("100.yaml"), "rule_id: 100\ntests:\n"
                + "  - test_id: 1\n    stages:\n      - input:\n          uri: /?a=attack\n          headers: {Host: localhost}\n"
                + "        output:\n          log:\n            no_expect_ids: [100]\n");
        Path overrides = Files.writeString(tests.resolve("overrides.yaml"),
                "test_overrides:\n  - rule_id: 100\n    test_ids: [1]\n    reason: the engine finds it\n"
                        + "    output:\n      log:\n        expect_ids: [100]\n");

        FtwRunner.Report report = new FtwRunner(rules(RULES)).withOverrides(overrides).run(tests);

        assertThat(report.failures()).isEmpty();
    }
}
