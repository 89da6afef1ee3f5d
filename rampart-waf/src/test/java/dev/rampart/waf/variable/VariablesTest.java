package dev.rampart.waf.variable;

import static dev.rampart.waf.Requests.get;
import static dev.rampart.waf.Requests.matchedIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.waf.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariablesTest {

    private static List<Integer> ids(String rules, HttpRequest request) {
        return matchedIds(rules, request);
    }

    @Test
    void requestLineVariablesSplitTheTarget() {
        String rules = "SecRule REQUEST_URI \"@streq /a%20b/c.php?x=1\" \"id:1,phase:1,pass,log\"\n"
                + "SecRule REQUEST_URI_RAW \"@streq http://h/a%20b/c.php?x=1\" \"id:2,phase:1,pass,log\"\n"
                + "SecRule REQUEST_FILENAME \"@streq /a b/c.php\" \"id:3,phase:1,pass,log\"\n"
                + "SecRule REQUEST_BASENAME \"@streq c.php\" \"id:4,phase:1,pass,log\"\n"
                + "SecRule QUERY_STRING \"@streq x=1\" \"id:5,phase:1,pass,log\"\n"
                + "SecRule REQUEST_LINE \"@streq GET http://h/a%20b/c.php?x=1 HTTP/1.1\" \"id:6,phase:1,pass,log\"\n"
                + "SecRule REQUEST_METHOD \"@streq GET\" \"id:7,phase:1,pass,log\"\n"
                + "SecRule REQUEST_PROTOCOL \"@streq HTTP/1.1\" \"id:8,phase:1,pass,log\"\n"
                + "SecRule REMOTE_ADDR \"@streq 127.0.0.1\" \"id:9,phase:1,pass,log\"";

        assertThat(ids(rules, get("http://h/a%20b/c.php?x=1"))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void queryArgumentsAreDecodedAndNamed() {
        String rules = "SecRule ARGS_GET:q \"@streq a b<\" \"id:10,phase:1,pass,log\"\n"
                + "SecRule ARGS_GET_NAMES \"@streq q\" \"id:11,phase:1,pass,log\"\n"
                + "SecRule &ARGS_GET:q \"@eq 2\" \"id:12,phase:1,pass,log\"\n"
                + "SecRule URLENCODED_ERROR \"@eq 1\" \"id:13,phase:1,pass,log\"";

        assertThat(ids(rules, get("/?q=a+b%3C&q=%zz"))).containsExactly(10, 11, 12, 13);
    }

    @Test
    void cookiesAreSplitFromTheCookieHeader() {
        String rules = "SecRule REQUEST_COOKIES:session \"@streq abc\" \"id:20,phase:1,pass,log\"\n"
                + "SecRule REQUEST_COOKIES_NAMES \"@streq theme\" \"id:21,phase:1,pass,log\"\n"
                + "SecRule &REQUEST_COOKIES \"@eq 2\" \"id:22,phase:1,pass,log\"";

        assertThat(ids(rules, get("/", "Cookie: session=abc; theme = dark"))).containsExactly(20, 21, 22);
    }

    @Test
    void matchedVariablesReportTheTransformedValueAndItsName() {
        String rules = "SecRule ARGS \"@contains x\" \"id:30,phase:1,pass,log,t:lowercase,chain\"\n"
                + "  SecRule MATCHED_VAR \"@streq xy\" \"chain\"\n"
                + "  SecRule MATCHED_VARS_NAMES \"@streq ARGS:b\"";

        assertThat(ids(rules, get("/?a=q&b=XY"))).containsExactly(30);
    }

    @Test
    void unknownVariablesAreRejectedWithTheKnownNames() {
        assertThatThrownBy(() -> Variables.named("ARGZ")).hasMessageContaining("unknown variable 'ARGZ'")
                .hasMessageContaining("REQUEST_HEADERS");
    }

    @Test
    void everyVariableCrsUsesIsRegistered() {
        assertThat(Variables.names()).contains("ARGS", "ARGS_NAMES", "ARGS_GET", "ARGS_GET_NAMES", "ARGS_POST",
                "ARGS_POST_NAMES", "ARGS_COMBINED_SIZE", "REQUEST_HEADERS", "REQUEST_HEADERS_NAMES", "REQUEST_COOKIES",
                "REQUEST_COOKIES_NAMES", "REQUEST_FILENAME", "REQUEST_BASENAME", "REQUEST_URI", "REQUEST_URI_RAW",
                "REQUEST_LINE", "REQUEST_METHOD", "REQUEST_PROTOCOL", "REQUEST_BODY", "REQUEST_BODY_LENGTH",
                "QUERY_STRING", "FILES", "FILES_NAMES", "FILES_COMBINED_SIZE", "XML", "MULTIPART_PART_HEADERS",
                "MULTIPART_STRICT_ERROR", "REQBODY_ERROR", "REQBODY_PROCESSOR", "TX", "MATCHED_VAR", "MATCHED_VARS",
                "MATCHED_VAR_NAME", "RESPONSE_STATUS", "RESPONSE_HEADERS", "RESPONSE_BODY", "RESPONSE_CONTENT_TYPE",
                "REMOTE_ADDR", "UNIQUE_ID", "DURATION", "AUTH_TYPE", "SESSION", "IP", "GLOBAL");
    }
}
