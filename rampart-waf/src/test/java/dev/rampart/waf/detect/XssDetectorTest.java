package dev.rampart.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XssDetectorTest {

    private final XssDetector detector = new XssDetector();

    @Test
    void activeElementsAreFoundWhateverTheirCaseOrNamespacePrefix() {
        assertThat(detector.detect("<ScRiPt>x</script>")).hasValue("data:element:script");
        assertThat(detector.detect("<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">")).hasValue("data:element:script");
        assertThat(detector.detect("<base href=//evil.example/>")).hasValue("data:element:base");
    }

    @Test
    void handlerInATagTheInputOpensIsFoundByItsOnPrefix() {
        assertThat(detector.detect("<x onbeforehellfreezes=alert(1)>")).hasValue("data:handler:on*");
        assertThat(detector.detect("<img src=x onerror=alert(1)>")).hasValue("data:handler:onerror");
    }

    @Test
    void handlerThatDoesNothingIsNotScript() {
        assertThat(detector.detect("<button onClick={handleClick}>Save</button>")).isEmpty();
        assertThat(detector.detect("<Modal onClose={() => setOpen(false)} />")).isEmpty();
    }

    @Test
    void breakOutOfAQuotedAttributeNeedsARealHandlerName() {
        assertThat(detector.detect("\" onmouseover=\"alert(1)")).hasValue("double-quoted:handler:onmouseover");
        assertThat(detector.detect("it's online=go(1) now")).isEmpty();
    }

    @Test
    void scriptUrlInAnyAttributeIsFound() {
        assertThat(detector.detect("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")).hasValue("data:scheme:javascript");
        assertThat(detector.detect("<iframe/src=data:text/html,x>")).hasValue("data:element:iframe");
        assertThat(detector.detect("<object data=\"data:text/html;base64,PHNjcmlwdD4=\">")).hasValue("data:element:object");
    }

    @Test
    void wholeInputAsAUrlAttributeIsChecked() {
        assertThat(detector.detect(" javascript:alert(document.cookie)")).hasValue("url:scheme:javascript");
    }

    @Test
    void formsThatPostElsewhereAndSrcdocDocumentsAreFound() {
        assertThat(detector.detect("<form action=https://evil.example><input name=pw>")).hasValue("data:attribute:action");
        assertThat(detector.detect("<button formaction=//evil.example>x</button>")).hasValue("data:attribute:formaction");
        assertThat(detector.detect("<p srcdoc=\"&lt;b&gt;\">")).hasValue("data:attribute:srcdoc");
    }

    @Test
    void styleThreatsInAttributesAndElementsAreFound() {
        assertThat(detector.detect("<div style=\"x:expression(alert(1))\">")).hasValue("data:style:expression");
        assertThat(detector.detect("<style>@import 'x.css';</style>")).hasValue("data:style:import");
    }

    @Test
    void svgAnimationWritingAHandlerIsFound() {
        assertThat(detector.detect("<svg><set attributeName=onmouseover to=alert(1)>")).hasValue("data:attribute:attributename");
    }

    @Test
    void everydayHtmlAndComparisonsAreBenign() {
        assertThat(detector.detect("a < b > c")).isEmpty();
        assertThat(detector.detect("Map<String, List<Integer>> m")).isEmpty();
        assertThat(detector.detect("<p>Hi <b>there</b>, see <a href=\"https://example.com\">this</a></p>")).isEmpty();
        assertThat(detector.detect("<span style=\"color: red\">warning</span>")).isEmpty();
        assertThat(detector.detect("Contact <john@example.com>")).isEmpty();
    }

    @Test
    void metaCharsetAndVmlFramesAreFound() {
        assertThat(detector.detect("<meta charset=\"UTF-7\">")).hasValue("data:attribute:charset");
        assertThat(detector.detect("<v:vmlframe src=\"foo.com/sup.fml\"/>")).hasValue("data:element:vmlframe");
    }

    @Test
    void handlerWithARegexLiteralOfUnbalancedBracketsIsStillCode() {
        assertThat(detector.detect("<svg/onload='/[*/[]/ alert(1)//'>")).hasValue("data:handler:onload");
    }

    @Test
    void formPostingToItsOwnSiteIsBenign() {
        assertThat(detector.detect("How do I submit <form action=\"/login\" method=\"post\"> with fetch?")).isEmpty();
        assertThat(detector.detect("<form action=\"\\\\evil.example\\x\">")).hasValue("data:attribute:action");
    }

    @Test
    void activeElementWithoutAttributesIsInertButAScriptIsNot() {
        assertThat(detector.detect("List<Object> children = new ArrayList<>();")).isEmpty();
        assertThat(detector.detect("<object data=//evil.example/x.swf>")).hasValue("data:element:object");
        assertThat(detector.detect("List<Script> all")).hasValue("data:element:script");
    }

    @Test
    void inputAmongATagsAttributesIsReadFromTheFirstCharacter() {
        assertThat(detector.detect("onmouseover=alert(1)")).hasValue("tag:handler:onmouseover");
        assertThat(detector.detect("style=x:expression(alert(1))")).hasValue("tag:style:expression");
        assertThat(detector.detect("online=yes")).isEmpty();
    }
}
