package dev.rampart.waf.body;

import static dev.rampart.waf.Requests.matchedIds;
import static dev.rampart.waf.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyProcessorsTest {

    private static final String BODY_ACCESS = "SecRequestBodyAccess On\n"
            + "SecRule REQUEST_HEADERS:Content-Type \"@rx ^application/json\" "
            + "\"id:1,phase:1,pass,nolog,t:lowercase,ctl:requestBodyProcessor=JSON\"\n"
            + "SecRule REQUEST_HEADERS:Content-Type \"@rx ^application/xml\" "
            + "\"id:2,phase:1,pass,nolog,t:lowercase,ctl:requestBodyProcessor=XML\"\n";

    @Test
    void urlEncodedBodyBecomesPostArgumentsAndRequestBody() {
        String rules = BODY_ACCESS
                + "SecRule ARGS_POST:name \"@streq a b\" \"id:10,phase:2,pass,log\"\n"
                + "SecRule REQUEST_BODY \"@contains name=a+b\" \"id:11,phase:2,pass,log\"\n"
                + "SecRule REQBODY_PROCESSOR \"@streq URLENCODED\" \"id:12,phase:1,pass,log\"";

        assertThat(matchedIds(rules, post("/", "application/x-www-form-urlencoded", "name=a+b&x=1"))).containsExactly(12, 10, 11);
    }

    @Test
    void bodyIsNotParsedWithoutRequestBodyAccess() {
        assertThat(matchedIds("SecRule ARGS_POST \"@unconditionalMatch\" \"id:13,phase:2,pass,log\"",
                post("/", "application/x-www-form-urlencoded", "a=1"))).isEmpty();
    }

    @Test
    void jsonScalarsAreNamedByTheirPathAndArraysByIndexAndLength() {
        String rules = BODY_ACCESS
                + "SecRule ARGS:json.user.name \"@streq bob\" \"id:20,phase:2,pass,log\"\n"
                + "SecRule ARGS:json.tags.1 \"@streq b\" \"id:21,phase:2,pass,log\"\n"
                + "SecRule ARGS:json.tags \"@eq 2\" \"id:22,phase:2,pass,log\"\n"
                + "SecRule ARGS:json.ok \"@streq true\" \"id:23,phase:2,pass,log\"\n"
                + "SecRule REQUEST_BODY \"@unconditionalMatch\" \"id:24,phase:2,pass,log\"";

        assertThat(matchedIds(rules, post("/", "application/json",
                "{\"user\":{\"name\":\"bob\"},\"tags\":[\"a\",\"b\"],\"ok\":true}"))).containsExactly(20, 21, 22, 23);
    }

    @Test
    void malformedJsonIsABodyError() {
        String rules = BODY_ACCESS + "SecRule REQBODY_ERROR \"@eq 1\" \"id:25,phase:2,pass,log,msg:'%{REQBODY_ERROR_MSG}'\"";

        assertThat(matchedIds(rules, post("/", "application/json", "{\"a\":"))).containsExactly(25);
    }

    @Test
    void jsonNestingBeyondTheLimitIsABodyError() {
        String deep = "[".repeat(JsonBody.MAX_DEPTH + 1) + "]".repeat(JsonBody.MAX_DEPTH + 1);
        String rules = BODY_ACCESS + "SecRule REQBODY_ERROR \"@eq 1\" \"id:26,phase:2,pass,log\"";

        assertThat(matchedIds(rules, post("/", "application/json", deep))).containsExactly(26);
    }

    @Test
    void xmlTextContentAndAttributesAreInspected() {
        String rules = BODY_ACCESS
                + "SecRule XML:/* \"@contains hello world\" \"id:30,phase:2,pass,log\"\n"
                + "SecRule XML://@* \"@streq en\" \"id:31,phase:2,pass,log\"\n"
                + "SecRule XML:/* \"@contains greeting\" \"id:32,phase:2,pass,log\"";

        assertThat(matchedIds(rules, post("/", "application/xml",
                "<?xml version=\"1.0\"?><greeting lang=\"en\"><a>hello </a><b>world</b></greeting>"))).containsExactly(30, 31);
    }

    @Test
    void xmlExternalEntitiesAreNeverResolved() {
        String rules = BODY_ACCESS
                + "SecRule XML:/* \"@contains root:\" \"id:33,phase:2,pass,log\"\n"
                + "SecRule REQBODY_ERROR \"@eq 1\" \"id:34,phase:2,pass,log\"";
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";

        assertThat(matchedIds(rules, post("/", "application/xml", xxe))).doesNotContain(33);
    }

    @Test
    void multipartFieldsFilesAndPartHeadersAreSeparated() {
        String body = "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"comment\"\r\n\r\n"
                + "hello\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"shell.php\"\r\n"
                + "Content-Type: application/x-php\r\n\r\n"
                + "<?php ?>\r\n"
                + "--XyZ--\r\n";
        String rules = "SecRequestBodyAccess On\n"
                + "SecRule ARGS_POST:comment \"@streq hello\" \"id:40,phase:2,pass,log\"\n"
                + "SecRule FILES:upload \"@streq shell.php\" \"id:41,phase:2,pass,log\"\n"
                + "SecRule FILES_NAMES \"@streq upload\" \"id:42,phase:2,pass,log\"\n"
                + "SecRule FILES_COMBINED_SIZE \"@eq 8\" \"id:43,phase:2,pass,log\"\n"
                + "SecRule MULTIPART_PART_HEADERS:upload \"@rx ^Content-Type: application/x-php$\" \"id:44,phase:2,pass,log\"\n"
                + "SecRule MULTIPART_STRICT_ERROR \"@eq 0\" \"id:45,phase:2,pass,log\"\n"
                + "SecRule ARGS_POST_NAMES \"@streq upload\" \"id:46,phase:2,pass,log\"";

        assertThat(matchedIds(rules, post("/", "multipart/form-data; boundary=XyZ", body))).containsExactly(40, 41, 42, 43, 44, 45);
    }

    @Test
    void multipartEvasionsRaiseTheStrictErrorFlags() {
        String body = "preamble\n--XyZ\n"
                + "Content-Disposition: form-data; name=\"a\" filename=\"x\n\n"
                + "v\n"
                + "--XyZ--\n";
        String rules = "SecRequestBodyAccess On\n"
                + "SecRule MULTIPART_DATA_BEFORE \"@eq 1\" \"id:50,phase:2,pass,log\"\n"
                + "SecRule MULTIPART_LF_LINE \"@eq 1\" \"id:51,phase:2,pass,log\"\n"
                + "SecRule MULTIPART_MISSING_SEMICOLON \"@eq 1\" \"id:52,phase:2,pass,log\"\n"
                + "SecRule MULTIPART_INVALID_QUOTING \"@eq 1\" \"id:53,phase:2,pass,log\"\n"
                + "SecRule MULTIPART_BOUNDARY_QUOTED \"@eq 1\" \"id:54,phase:2,pass,log\"\n"
                + "SecRule MULTIPART_STRICT_ERROR \"@eq 1\" \"id:55,phase:2,pass,log\"";

        assertThat(matchedIds(rules, post("/", "multipart/form-data; boundary=\"XyZ\"", body)))
                .containsExactly(50, 51, 52, 53, 54, 55);
    }

    @Test
    void aLineThatOnlyStartsLikeTheBoundaryIsContentAndFlagged() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
                + "--XyZsmuggled\r\n"
                + "--XyZ--\r\n";
        String rules = "SecRequestBodyAccess On\n"
                + "SecRule ARGS_POST:a \"@streq --XyZsmuggled\" \"id:56,phase:2,pass,log\"\n"
                + "SecRule MULTIPART_UNMATCHED_BOUNDARY \"@eq 1\" \"id:57,phase:2,pass,log\"";

        assertThat(matchedIds(rules, post("/", "multipart/form-data; boundary=XyZ", body))).containsExactly(56, 57);
    }

    @Test
    void multipartWithoutClosingBoundaryIsABodyError() {
        String rules = "SecRequestBodyAccess On\nSecRule REQBODY_ERROR \"@eq 1\" \"id:60,phase:2,pass,log\"";

        assertThat(matchedIds(rules, post("/", "multipart/form-data; boundary=XyZ",
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"))).containsExactly(60);
    }
}
