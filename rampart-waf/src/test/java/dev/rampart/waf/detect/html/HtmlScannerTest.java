package dev.rampart.waf.detect.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlScannerTest {

    @Test
    void dataContextReadsTagNamesAndValuedAttributesLikeABrowser() {
        List<HtmlTag> tags = HtmlScanner.startTags("hi <IMG SRC=x OnError='a()' alt>", HtmlContext.DATA);

        assertThat(tags).singleElement().satisfies(tag -> {
            assertThat(tag.name()).isEqualTo("img");
            assertThat(tag.attributes()).containsExactly(new HtmlAttribute("src", "x"),
                    new HtmlAttribute("onerror", "a()"));
        });
    }

    @Test
    void slashSeparatesAttributesButNotInsideAnUnquotedValue() {
        assertThat(HtmlScanner.startTags("<svg/onload=go()>", HtmlContext.DATA).get(0).attributes())
                .containsExactly(new HtmlAttribute("onload", "go()"));
        assertThat(HtmlScanner.startTags("<img/src=x/onerror=go()>", HtmlContext.DATA).get(0).attributes())
                .containsExactly(new HtmlAttribute("src", "x/onerror=go()"));
    }

    @Test
    void lessThanNotFollowedByALetterIsText() {
        assertThat(HtmlScanner.startTags("a < b > c and 1<2", HtmlContext.DATA)).isEmpty();
    }

    @Test
    void commentsAndEndTagsCreateNoStartTags() {
        assertThat(HtmlScanner.startTags("<!-- <script> --></b><? x ?><!doctype html>", HtmlContext.DATA)).isEmpty();
    }

    @Test
    void tagAfterACommentThatClosesInsideAnAttributeIsRead() {
        List<HtmlTag> tags = HtmlScanner.startTags("<!--<img src=\"--><img src=x onerror=go()//\">", HtmlContext.DATA);

        assertThat(tags).extracting(HtmlTag::name).containsExactly("img");
    }

    @Test
    void nestedTagOpenIsReadFromTheInnerLessThan() {
        assertThat(HtmlScanner.startTags("<scr<script>ipt>", HtmlContext.DATA)).extracting(HtmlTag::name)
                .containsExactly("script");
    }

    @Test
    void styleTextIsKeptAndStillScannedForTags() {
        List<HtmlTag> tags = HtmlScanner.startTags("<style>a{color:red}<img src=x></style>", HtmlContext.DATA);

        assertThat(tags).extracting(HtmlTag::name).containsExactly("style", "img");
        assertThat(tags.get(0).content()).isEqualTo("a{color:red}<img src=x>");
    }

    @Test
    void quotedAttributeContextBreaksOutAtItsQuoteIntoTheApplicationsTag() {
        List<HtmlTag> tags = HtmlScanner.startTags("x\" onclick=\"go()\"><b>", HtmlContext.DOUBLE_QUOTED_ATTRIBUTE);

        assertThat(tags).hasSize(2);
        assertThat(tags.get(0).openedByInput()).isFalse();
        assertThat(tags.get(0).attributes()).containsExactly(new HtmlAttribute("onclick", "go()"));
        assertThat(tags.get(1).name()).isEqualTo("b");
    }

    @Test
    void quotedAttributeContextWithoutItsQuoteCreatesNothing() {
        assertThat(HtmlScanner.startTags("it's <b> onclick=go()", HtmlContext.DOUBLE_QUOTED_ATTRIBUTE)).isEmpty();
    }

    @Test
    void unquotedAttributeValueEndsAtWhiteSpace() {
        assertThat(HtmlScanner.startTags("x onfocus=go() autofocus", HtmlContext.UNQUOTED_ATTRIBUTE).get(0).attributes())
                .containsExactly(new HtmlAttribute("onfocus", "go()"));
    }

    @Test
    void unterminatedTagRunsToTheEndOfTheInput() {
        assertThat(HtmlScanner.startTags("<svg onload=go()", HtmlContext.DATA).get(0).attributes())
                .containsExactly(new HtmlAttribute("onload", "go()"));
    }

    @Test
    void tagContextStartsAmongTheApplicationsAttributes() {
        List<HtmlTag> tags = HtmlScanner.startTags("onclick=go() x=1><b>", HtmlContext.TAG);

        assertThat(tags.get(0).openedByInput()).isFalse();
        assertThat(tags.get(0).attributes()).containsExactly(new HtmlAttribute("onclick", "go()"),
                new HtmlAttribute("x", "1"));
        assertThat(tags.get(1).name()).isEqualTo("b");
    }
}
