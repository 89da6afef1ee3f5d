package dev.rampart.waf.detect.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StyleThreatsTest {

    @Test
    void expressionIsFoundThroughCssEscapesAndComments() {
        assertThat(StyleThreats.find("width:\\65 xpression(alert(1))")).hasValue("expression");
        assertThat(StyleThreats.find("x:expr/**/ession(1)")).hasValue("expression");
        assertThat(StyleThreats.find("x:EXPRESSION (1)")).hasValue("expression");
    }

    @Test
    void bindingsBehavioursAndImportsAreThreats() {
        assertThat(StyleThreats.find("-moz-binding:url(x.xml#a)")).hasValue("-moz-binding");
        assertThat(StyleThreats.find("behavior: url(a.htc)")).hasValue("behavior");
        assertThat(StyleThreats.find("@import 'x.css';")).hasValue("import");
    }

    @Test
    void urlWithScriptSchemeIsAThreatButAnImageUrlIsNot() {
        assertThat(StyleThreats.find("background:url('javascript:alert(1)')")).hasValue("url");
        assertThat(StyleThreats.find("background:url(https://cdn.example/a.png)")).isEmpty();
    }

    @Test
    void ordinaryDeclarationsAreSafe() {
        assertThat(StyleThreats.find("color: red; font-weight: bold")).isEmpty();
    }
}
