package dev.rampart.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectMentionsTest {

    private static final String R = SubjectMentions.REDACTED;

    @Test
    void redactsWholeTokensOnly() {
        SubjectMentions admin = new SubjectMentions(Set.of("admin"));
        assertThat(admin.redactText("admin.auth.failed by x.admin, admin-2, admin_b, sysadmin")).isEqualTo(
                "admin.auth.failed by x.admin, admin-2, admin_b, sysadmin");
        assertThat(admin.redactText("admin. Then (admin) said: admin")).isEqualTo(R + ". Then (" + R + ") said: " + R);
        SubjectMentions ip = new SubjectMentions(Set.of("10.0.0.1"));
        assertThat(ip.redactText("from 10.0.0.12 and 110.0.0.1 and 10.0.0.1.")).isEqualTo("from 10.0.0.12 and 110.0.0.1 and " + R + ".");
        assertThat(ip.inText("10.0.0.12")).isFalse();
        assertThat(new SubjectMentions(Set.of("Alice")).inText("alice")).isFalse();
    }

    @Test
    void aLongerIdentifierIsRedactedBeforeItsPrefix() {
        SubjectMentions m = new SubjectMentions(List.of("alice", "alice@example.com"));
        assertThat(m.redactText("mail alice@example.com or ask alice")).isEqualTo("mail " + R + " or ask " + R);
    }

    @Test
    void jsonValuesAreRedactedAndKeysKept() {
        SubjectMentions path = new SubjectMentions(Set.of("path", "a\"b"));
        String json = "{\"path\":\"/x\",\"details\":{\"account\":\"path\",\"note\":\"a\\\"b here\"},\"list\":[\"path\",3]}";
        String redacted = path.redactJson(json);
        assertThat(Json.readObject(redacted)).containsKey("path").containsEntry("path", "/x");
        assertThat(redacted).isEqualTo("{\"path\":\"/x\",\"details\":{\"account\":\"" + R + "\",\"note\":\"" + R
                + " here\"},\"list\":[\"" + R + "\",3]}");
        assertThat(path.redactJson("{\"path\":\"/x\"}")).isEqualTo("{\"path\":\"/x\"}");
        assertThat(path.inJson("{\"path\":\"/x\"}")).isFalse();
        assertThat(path.redactJson("not json: path")).isEqualTo("not json: " + R);
    }

    @Test
    void redactingTwiceChangesNothingEvenForASubjectNamedLikeTheMarker() {
        SubjectMentions m = new SubjectMentions(Set.of("erased", "subject", "bob"));
        String once = m.redactText("bob erased the subject");
        assertThat(once).isEqualTo(R + " " + R + " the " + R);
        assertThat(m.redactText(once)).isSameAs(once);
        assertThat(new SubjectMentions(Set.of(" ", "")).isEmpty()).isTrue();
    }
}
