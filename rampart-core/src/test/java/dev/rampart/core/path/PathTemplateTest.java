package dev.rampart.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void exactPathMatchesOnlyItself() {
        PathTemplate health = PathTemplate.parse("/health");
        assertThat(health.match("/health")).isEmpty();
        assertThat(health.match("/health/")).isNull();
        assertThat(health.match("/healthz")).isNull();
        assertThat(health.match("/")).isNull();
        assertThat(PathTemplate.parse("/").match("/")).isEmpty();
    }

    @Test
    void aPathWithoutAnOpeningBraceIsExactWhateverItHolds() {
        assertThat(PathTemplate.parse("/a}").match("/a}")).isEmpty();
    }

    @Test
    void templateParameterMatchesExactlyOneNonEmptySegment() {
        PathTemplate t = PathTemplate.parse("/orgs/{org}/messages/{id}");
        assertThat(t.match("/orgs/acme/messages/m1")).containsExactly(Map.entry("org", "acme"), Map.entry("id", "m1"));
        assertThat(t.match("/orgs//messages/m1")).isNull();
        assertThat(t.match("/orgs/a/b/messages/m1")).isNull();
        assertThat(t.match("/orgs/acme/messages/m1/")).isNull();
        assertThat(t.match("/orgs/acme/messages")).isNull();
        assertThat(t.match("/orgs/acme/messages/")).isNull();
        assertThat(t.match("orgs/acme/messages/m1")).isNull();
        assertThat(t.match("")).isNull();
    }

    @Test
    void literalTextIsComparedAsWrittenAndParameterValuesAreDecoded() {
        PathTemplate t = PathTemplate.parse("/files/{name}");
        // %2F is data, not a separator: one segment, decoded to a slash in the value.
        assertThat(t.match("/files/a%2Fb")).containsExactly(Map.entry("name", "a/b"));
        assertThat(t.match("/files/caf%C3%A9+1")).containsExactly(Map.entry("name", "café+1"));
        assertThat(t.match("/fil%65s/x")).isNull();
    }

    @Test
    void prefixMatchesOnSegmentBoundaries() {
        PathTemplate api = PathTemplate.prefix("/api/");
        assertThat(api.match("/api")).isEmpty();
        assertThat(api.match("/api/")).isEmpty();
        assertThat(api.match("/api/orders/1")).isEmpty();
        assertThat(api.match("/apix")).isNull();
        assertThat(api.match("/")).isNull();
        assertThat(PathTemplate.prefix("/").match("/anything/at/all")).isEmpty();
        assertThat(api).hasToString("/api/**");
    }

    @Test
    void refusesPathsThatDoNotStartWithASlash() {
        assertThatThrownBy(() -> PathTemplate.parse("orders/{id}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path 'orders/{id}' must start with '/', e.g. /orders/{id}");
        assertThatThrownBy(() -> PathTemplate.prefix("api")).hasMessageContaining("'api' must start with '/'");
        assertThatThrownBy(() -> PathTemplate.openApi(null)).hasMessageContaining("'null' must start with '/'");
    }

    @Test
    void aParameterMustBeAWholeSegment() {
        for (String bad : List.of("/orders/id-{id}", "/orders/{id}.json", "/orders/{}", "/orders/x}/{id}")) {
            assertThatThrownBy(() -> PathTemplate.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path template '" + bad + "': a parameter must be a whole segment, like /orders/{id}");
        }
    }

    @Test
    void eachParameterNeedsItsOwnName() {
        assertThatThrownBy(() -> PathTemplate.parse("/a/{id}/b/{id}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path template '/a/{id}/b/{id}' names the parameter {id} twice; give each parameter its own name");
        // A misplaced brace is reported before a repeated name.
        assertThatThrownBy(() -> PathTemplate.parse("/{id}/{id}/x{y}")).hasMessageContaining("whole segment");
    }

    @Test
    void openApiSegmentsMayMixTextAndExpressions() {
        PathTemplate t = PathTemplate.openApi("/reports/{year}-{month}.{format}");
        assertThat(t.match(List.of("reports", "2026-11.json")))
                .containsExactly(Map.entry("year", "2026"), Map.entry("month", "11"), Map.entry("format", "json"));
        assertThat(t.match(List.of("reports", "2026.json"))).isNull();
        assertThat(t.match(List.of("reports", "-11.json"))).isNull();
        // Matched on the encoded path, the values are decoded after matching.
        assertThat(t.match("/reports/20%326-11.j%73on"))
                .containsExactly(Map.entry("year", "2026"), Map.entry("month", "11"), Map.entry("format", "json"));
    }

    @Test
    void openApiBracesThatOpenNoExpressionAreText() {
        PathTemplate t = PathTemplate.openApi("/a}b/{}/{id}");
        assertThat(t.match(List.of("a}b", "{}", "7"))).containsExactly(Map.entry("id", "7"));
        assertThat(PathTemplate.openApi("/plain/path").match("/plain/path")).isEmpty();
    }

    @Test
    void decodedSegmentsAreComparedWithTheTemplateText() {
        PathTemplate mine = PathTemplate.openApi("/pets/mine");
        assertThat(mine.match(PathTemplate.decodedSegments("/pets/mi%6Ee"))).isEmpty();
        assertThat(mine.match(PathTemplate.decodedSegments("/pets/mine/"))).isNull();
        PathTemplate pet = PathTemplate.openApi("/pets/{petId}");
        assertThat(pet.match(PathTemplate.decodedSegments("/pets/a%2Fb"))).containsExactly(Map.entry("petId", "a/b"));
        assertThat(pet.match(List.of("pets", ""))).isNull();
        assertThat(PathTemplate.prefix("/pets").match(List.of("pets", "1"))).isEmpty();
        assertThat(PathTemplate.prefix("/pets").match(List.of("petsx"))).isNull();
    }

    @Test
    void splitsPathsIntoDecodedSegments() {
        assertThat(PathTemplate.decodedSegments("/a/b%2Fc/")).containsExactly("a", "b/c", "");
        assertThat(PathTemplate.decodedSegments("/")).containsExactly("");
        assertThatThrownBy(() -> PathTemplate.decodedSegments("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concreteTemplatesSortBeforeParameterisedOnes() {
        List<PathTemplate> templates = new ArrayList<>(List.of(PathTemplate.openApi("/pets/{petId}"),
                PathTemplate.openApi("/{kind}/mine"), PathTemplate.openApi("/pets/mine"),
                PathTemplate.openApi("/pets/{petId}.json"), PathTemplate.openApi("/a/{x}")));
        templates.sort(PathTemplate::compareSpecificity);
        assertThat(templates).extracting(PathTemplate::toString)
                .containsExactly("/pets/mine", "/a/{x}", "/pets/{petId}", "/pets/{petId}.json", "/{kind}/mine");
    }
}
