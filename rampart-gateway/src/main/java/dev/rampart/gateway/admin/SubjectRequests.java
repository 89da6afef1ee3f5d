package dev.rampart.gateway.admin;

import dev.rampart.audit.AuditJson;
import dev.rampart.audit.AuditReader;
import dev.rampart.audit.StoredEntry;
import dev.rampart.audit.SubjectErasure;
import dev.rampart.auth.apikey.ApiKeyRecord;
import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.lockout.LockoutState;
import dev.rampart.auth.lockout.LoginThrottle;
import dev.rampart.auth.session.Sessions;
import dev.rampart.auth.user.UserRecord;
import dev.rampart.auth.user.Users;
import dev.rampart.detect.Incidents;
import dev.rampart.gateway.console.ConsoleLogin;
import dev.rampart.detect.SubjectRedaction;
import dev.rampart.gateway.detect.IncidentJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Data-subject requests (GDPR art. 15 and 17): export everything Rampart holds about a subject as
 * one JSON document, or erase it. A subject is named by an id: a user's id or login name, or any
 * other identifier Rampart has seen as a principal or an API key owner (a JWT subject, a service).
 *
 * <p>What belongs to a subject: the user it names (matched by id, then by login name ignoring
 * case), that user's console sessions, the API keys whose owner is the id or the user's id, name or
 * email, the audit entries naming any of those identifiers or the API key ids (as principal,
 * or in a subject detail such as {@code account}), the incidents naming one of them as a whole token
 * anywhere (exported whole: evidence and timeline), and the values detection rules learnt for or
 * about them (the addresses an admin logged in from), and the failed-login records of its login
 * names (an account that never existed but was tried has one too). An id that is a client address
 * gathers the incidents and learnt values naming that address. OAuth2 clients have no owner, so none
 * belongs to a subject.
 *
 * <p>Erasure deletes the user (with its sessions, password history, recovery codes and used TOTP
 * steps) and those failed-login records, revokes and deletes the API keys, and erases each
 * identifier from the audit log: its subject key is destroyed (the entries stay, unreadable, and the
 * log still verifies) and entries naming it raw or pseudonymised are pruned. Incidents are kept as
 * security records, with every mention of those identifiers (evidence, timeline events, notes,
 * titles, who acknowledged or resolved) redacted in place to {@code [erased subject]}, and the values
 * detection rules learnt for or about them are deleted; the answer counts what was redacted. It is
 * idempotent: a second erasure finds nothing and changes nothing. Every method blocks on the store.
 */
public final class SubjectRequests {

    /** Most audit entries one export document holds; page on with {@code audit.next_after}. */
    public static final int AUDIT_PAGE = 10_000;

    private final ConsoleLogin console;
    private final Users users;
    private final Sessions sessions;
    private final ApiKeys apiKeys;
    private final AuditReader audit;
    private final Incidents incidents;
    private final Clock clock;

    /**
     * @param console the users, their sessions and failed-login records, or null when there are none to look at
     * @param audit the audit log's reader, or null when the log is off
     * @param incidents the detector's incidents (exported, redacted by an erasure), or null
     */
    public SubjectRequests(ConsoleLogin console, ApiKeys apiKeys, AuditReader audit, Incidents incidents, Clock clock) {
        this.console = console;
        this.users = console == null ? null : console.users();
        this.sessions = console == null ? null : console.sessions();
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.audit = audit;
        this.incidents = incidents;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one erasure did: the JSON answer, and the fields of the {@code privacy.subject-erased} event. */
    public record Erasure(JsonObject answer, java.util.Map<String, String> eventDetails) {}

    /**
     * The export document of {@code id}: the user record (no password hash, no TOTP secret), its
     * sessions' times, the API keys' metadata (no secret, no hash), and up to {@link #AUDIT_PAGE}
     * audit entries after {@code auditAfter} (-1: from the start), decrypted.
     */
    public JsonObject export(String id, long auditAfter) {
        requireId(id);
        Optional<UserRecord> user = user(id);
        List<ApiKeyRecord> keys = ownedKeys(id, user);
        JsonObject doc = new JsonObject().put("subject", id).put("exported_at", clock.instant().toString());
        doc.put("user", user.map(UsersAdmin::toJson).orElse(null));
        JsonArray sessionList = new JsonArray();
        if (user.isPresent() && sessions != null) {
            sessions.listFor(user.get().id()).forEach(s -> sessionList.add(new JsonObject()
                    .put("created_at", s.createdAt().toString()).put("last_seen_at", s.lastSeenAt().toString())
                    .put("expires_at", s.expiresAt().toString())));
        }
        doc.put("console_sessions", sessionList);
        JsonArray lockouts = new JsonArray();
        loginAccounts(id, user).forEach((account, state) -> lockouts.add(new JsonObject().put("account", account)
                .put("failures", state.failures()).put("last_failure", state.lastFailure().map(Object::toString).orElse(null))
                .put("locked_until", state.lockedUntil().map(Object::toString).orElse(null))
                .put("temporary_lockouts", state.temporaryLockouts()).put("permanently_locked", state.permanentlyLocked())));
        doc.put("login_lockouts", lockouts);
        JsonArray keyList = new JsonArray();
        keys.forEach(k -> keyList.add(ApiKeysAdmin.json(k)));
        doc.put("api_keys", keyList);
        doc.put("oauth2_clients", new JsonArray()); // clients have no owner: none belongs to a subject
        Set<String> identifiers = auditIdentifiers(id, user, keys);
        JsonArray incidentList = new JsonArray();
        JsonArray learnt = new JsonArray();
        if (incidents != null) {
            incidents.naming(identifiers).forEach(i -> incidentList.add(IncidentJson.of(i, true)));
            incidents.learntValues(identifiers).forEach(v -> learnt.add(new JsonObject().put("rule", v.rule())
                    .put("group", v.group()).put("value", v.value()).put("first_seen", v.firstSeen().toString())));
        }
        doc.put("incidents", incidentList);
        doc.put("detection_learnt_values", learnt);
        JsonObject auditPart = new JsonObject().put("identifiers", new JsonArray(new ArrayList<>(identifiers)));
        if (audit == null) {
            auditPart.put("enabled", false);
        } else {
            JsonObject erased = new JsonObject();
            for (String identifier : identifiers) {
                audit.erasedAt(identifier).ifPresent(at -> erased.put(identifier, at.toString()));
            }
            List<StoredEntry> entries = audit.subjectEntries(identifiers, auditAfter, AUDIT_PAGE);
            JsonArray list = new JsonArray();
            entries.forEach(e -> list.add(new JsonObject(AuditJson.toLine(e))));
            auditPart.put("enabled", true).put("erased_at", erased).put("entries", list)
                    .put("next_after", entries.size() == AUDIT_PAGE ? entries.get(entries.size() - 1).seq() : null);
        }
        return doc.put("audit", auditPart);
    }

    /** Erases {@code id} as the class comment says; the answer counts what was done. */
    public Erasure erase(String id) {
        requireId(id);
        Optional<UserRecord> user = user(id);
        List<ApiKeyRecord> keys = ownedKeys(id, user);
        Set<String> identifiers = auditIdentifiers(id, user, keys);
        int sessionsEnded = 0;
        if (user.isPresent()) {
            if (sessions != null) {
                sessionsEnded = sessions.invalidateAll(user.get().id());
            }
            users.delete(user.get().id());
        }
        for (ApiKeyRecord k : keys) {
            apiKeys.delete(k.id());
        }
        Set<String> lockedAccounts = loginAccounts(id, user).keySet();
        for (String account : lockedAccounts) {
            console.unlock(account);
        }
        int keysDestroyed = 0;
        int pruned = 0;
        String subjectHash = audit == null ? null : audit.subjectHash(id);
        if (audit != null) {
            for (String identifier : identifiers) {
                SubjectErasure e = audit.eraseSubject(identifier);
                keysDestroyed += e.keyDestroyed() ? 1 : 0;
                pruned += e.entriesPruned();
            }
        }
        SubjectRedaction redacted = incidents == null ? new SubjectRedaction(0, 0, 0, 0, 0, 0) : incidents.redactSubject(identifiers);
        JsonObject answer = new JsonObject().put("subject", id).put("erased_at", clock.instant().toString())
                .put("user_deleted", user.isPresent()).put("console_sessions_ended", sessionsEnded)
                .put("login_lockouts_deleted", lockedAccounts.size())
                .put("api_keys_deleted", keys.size()).put("audit_keys_destroyed", keysDestroyed)
                .put("audit_entries_pruned", pruned).put("audit_subject_hash", subjectHash)
                .put("incidents_redacted", new JsonObject().put("incidents", redacted.incidents())
                        .put("evidence_snapshots", redacted.evidenceSnapshots()).put("timeline_events", redacted.timelineEvents())
                        .put("notes", redacted.notes()).put("other_fields", redacted.otherFields())
                        .put("learnt_values_deleted", redacted.learntValuesDeleted()));
        java.util.Map<String, String> details = new java.util.TreeMap<>();
        if (subjectHash != null) {
            details.put("subject_hash", subjectHash);
        }
        details.put("user_deleted", Boolean.toString(user.isPresent()));
        // names free of secret-like words (api-key, session), which the log would mask
        details.put("owned_keys_deleted", Integer.toString(keys.size()));
        details.put("console_logins_ended", Integer.toString(sessionsEnded));
        details.put("audit_keys_destroyed", Integer.toString(keysDestroyed));
        details.put("audit_entries_pruned", Integer.toString(pruned));
        details.put("incidents_redacted", Integer.toString(redacted.incidents()));
        details.put("login_lockouts_deleted", Integer.toString(lockedAccounts.size()));
        return new Erasure(answer, details);
    }

    /**
     * The failed-login records kept for the subject's login names (by the lockout's account key, the
     * name normalised as logins normalise it), by account: the subject may be an account that never
     * existed but was tried.
     */
    private Map<String, LockoutState> loginAccounts(String id, Optional<UserRecord> user) {
        Map<String, LockoutState> found = new TreeMap<>();
        if (console != null) {
            for (String name : ownerNames(id, user)) {
                console.lockout(name).ifPresent(state -> found.put(LoginThrottle.accountKey(name), state));
            }
        }
        return found;
    }

    private Optional<UserRecord> user(String id) {
        if (users == null) {
            return Optional.empty();
        }
        Optional<UserRecord> byId = users.get(id);
        return byId.isPresent() ? byId : users.findByUsername(id);
    }

    /** The id and, when it names a user, the user's id, login name (as given and normalised) and email. */
    private static Set<String> ownerNames(String id, Optional<UserRecord> user) {
        Set<String> names = new LinkedHashSet<>();
        names.add(id);
        user.ifPresent(u -> {
            names.add(u.id());
            names.add(u.username());
            names.add(LoginThrottle.accountKey(u.username())); // how login events name the account
            u.email().ifPresent(names::add);
        });
        return names;
    }

    private List<ApiKeyRecord> ownedKeys(String id, Optional<UserRecord> user) {
        Set<String> owners = ownerNames(id, user);
        return apiKeys.list().stream().filter(k -> owners.contains(k.owner())).toList();
    }

    /** Everything the audit log may name the subject by: the owner names and the API key ids (a key's requests have it as principal). */
    private static Set<String> auditIdentifiers(String id, Optional<UserRecord> user, List<ApiKeyRecord> keys) {
        Set<String> identifiers = ownerNames(id, user);
        keys.forEach(k -> identifiers.add(k.id()));
        return identifiers;
    }

    private static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("name the subject: a user's id or login name, or another principal id");
        }
    }
}
