package dev.rampart.detect;

import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.IncidentSlaConfig;
import dev.rampart.detect.Incident.Entry;
import dev.rampart.detect.Incident.State;
import dev.rampart.detect.internal.IncidentRepository;
import dev.rampart.detect.internal.Json;
import dev.rampart.detect.internal.SeenValueRepository;
import dev.rampart.detect.internal.SubjectMentions;
import dev.rampart.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The incident service: what the admin API and {@code rampart incidents list|show|ack|resolve}
 * call, and where the detector raises incidents. Incidents live in the store, so they survive a
 * restart and are shared by the gateways of a cluster. Every method blocks (JDBC).
 *
 * <pre>{@code
 * Incidents incidents = Incidents.over(store, config.detection(), Clock.systemUTC());
 * for (Incident i : incidents.list(Incident.State.open, 50)) { ... }
 * incidents.acknowledge("inc-3f2a9c0e1b7d", "alice");
 * }</pre>
 */
public final class Incidents {

    /** SLA timers when the config names none for a severity: (respond, resolve). */
    static final Map<IncidentSeverity, IncidentSlaConfig> DEFAULT_SLA = Map.of(
            IncidentSeverity.SEV_1, new IncidentSlaConfig(Duration.ofMinutes(15), Duration.ofHours(4)),
            IncidentSeverity.SEV_2, new IncidentSlaConfig(Duration.ofHours(1), Duration.ofDays(1)),
            IncidentSeverity.SEV_3, new IncidentSlaConfig(Duration.ofHours(4), Duration.ofDays(3)),
            IncidentSeverity.SEV_4, new IncidentSlaConfig(Duration.ofDays(1), Duration.ofDays(7)));

    private final IncidentRepository repository;
    private final SeenValueRepository seenValues;
    private final Map<IncidentSeverity, IncidentSlaConfig> sla;
    private final Clock clock;
    private volatile Runnable onChange = () -> { };

    private Incidents(IncidentRepository repository, SeenValueRepository seenValues, Map<IncidentSeverity, IncidentSlaConfig> sla,
            Clock clock) {
        this.repository = repository;
        this.seenValues = seenValues;
        this.sla = sla;
        this.clock = clock;
    }

    /**
     * The incidents in {@code store}, with SLA timers from {@code config.sla()}.
     *
     * @throws IllegalArgumentException when an SLA key is not SEV-1..SEV-4
     */
    public static Incidents over(Store store, DetectionConfig config, Clock clock) {
        Map<IncidentSeverity, IncidentSlaConfig> sla = new EnumMap<>(DEFAULT_SLA);
        config.sla().forEach((key, timers) -> sla.put(IncidentSeverity.parse(key, "detection.sla." + key), timers));
        return new Incidents(new IncidentRepository(store), new SeenValueRepository(store), Map.copyOf(sla), clock);
    }

    /** Newest first, without timelines; {@code state} null: every state. */
    public List<Incident> list(State state, int limit) {
        return list(IncidentQuery.latest(limit).withState(state));
    }

    /**
     * Newest first, without timelines, filtered as {@code query} says. A {@link IncidentQuery#subject()}
     * filter keeps the incidents that name the value as a whole token (see {@link #naming}).
     */
    public List<Incident> list(IncidentQuery query) {
        if (query.subject() == null) {
            return repository.list(query, 0, query.limit());
        }
        SubjectMentions mentions = new SubjectMentions(List.of(query.subject()));
        List<Incident> found = new ArrayList<>();
        int page = Math.max(query.limit(), 50);
        for (int offset = 0; found.size() < query.limit(); offset += page) {
            List<Incident> candidates = repository.list(query, offset, page);
            for (Incident candidate : candidates) {
                if (found.size() < query.limit() && repository.find(candidate.id()).filter(i -> names(i, mentions)).isPresent()) {
                    found.add(candidate);
                }
            }
            if (candidates.size() < page) {
                break;
            }
        }
        return found;
    }

    /**
     * Every incident, with timeline and evidence, that names one of {@code subjects} as a whole
     * token — in its title, evidence, a timeline event, note, action or state line, or as who
     * acknowledged, resolved or wrote on it. Newest first. What a data-subject export includes.
     */
    public List<Incident> naming(Collection<String> subjects) {
        SubjectMentions mentions = new SubjectMentions(subjects);
        if (mentions.isEmpty()) {
            return List.of();
        }
        List<Incident> found = new ArrayList<>();
        for (String id : repository.idsHolding(subjects)) {
            repository.find(id).filter(i -> names(i, mentions)).ifPresent(found::add);
        }
        return found;
    }

    /**
     * A value a {@code new_value} rule learnt: {@code rule} saw {@code value} for {@code group}
     * (e.g. an address an admin logged in from) first at {@code firstSeen}.
     */
    public record LearntValue(String rule, String group, String value, Instant firstSeen) {}

    /** The values {@code new_value} rules learnt whose group or value is one of {@code subjects}. */
    public List<LearntValue> learntValues(Collection<String> subjects) {
        return seenValues.naming(subjects).stream().map(v -> new LearntValue(v.rule(), v.group(), v.value(), v.firstSeen())).toList();
    }

    /**
     * Erases {@code subjects} from the incidents: every whole-token occurrence in titles, evidence,
     * timeline events, notes, action and state lines and people fields is replaced, in place, by
     * {@code [erased subject]} (incidents are not in the audit log's Merkle tree, so nothing must
     * stay byte-for-byte), and the values {@code new_value} rules learnt for or about them are
     * deleted. The incidents themselves stay, as security records. Idempotent: a second call
     * changes nothing. A running detector may still hold learnt values in memory until its cache
     * drops them; they are not written back.
     */
    public synchronized SubjectRedaction redactSubject(Collection<String> subjects) {
        SubjectMentions mentions = new SubjectMentions(subjects);
        if (mentions.isEmpty()) {
            return new SubjectRedaction(0, 0, 0, 0, 0, 0);
        }
        SubjectRedaction r = repository.redact(subjects, mentions);
        int learnt = seenValues.deleteNaming(subjects);
        if (r.incidents() > 0) {
            onChange.run();
        }
        return new SubjectRedaction(r.incidents(), r.evidenceSnapshots(), r.timelineEvents(), r.notes(), r.otherFields(), learnt);
    }

    private static boolean names(Incident i, SubjectMentions mentions) {
        if (mentions.inText(i.title()) || mentions.inJson(i.evidence()) || mentions.inText(i.acknowledgedBy())
                || mentions.inText(i.resolvedBy())) {
            return true;
        }
        for (Incident.TimelineEntry t : i.timeline()) {
            if (mentions.inText(t.author()) || (t.entry() == Entry.event ? mentions.inJson(t.body()) : mentions.inText(t.body()))) {
                return true;
            }
        }
        return false;
    }

    /** The incident with its timeline, notes and evidence. */
    public Optional<Incident> show(String id) {
        return repository.find(id);
    }

    /**
     * Acknowledges an open incident: someone is on it, which stops the response SLA.
     *
     * @throws NoSuchElementException when no incident has this id
     * @throws IllegalStateException when it is not open
     */
    public Incident acknowledge(String id, String by) {
        return transition(id, List.of(State.open), State.acknowledged, by, null);
    }

    /**
     * Resolves an open or acknowledged incident.
     *
     * @param resolution what was done, kept as a note; may be null
     * @throws NoSuchElementException when no incident has this id
     * @throws IllegalStateException when it is already resolved
     */
    public Incident resolve(String id, String by, String resolution) {
        return transition(id, List.of(State.open, State.acknowledged), State.resolved, by, resolution);
    }

    /**
     * Adds a note to the timeline, in any state.
     *
     * @throws NoSuchElementException when no incident has this id
     * @throws IllegalArgumentException when the text is blank
     */
    public synchronized Incident note(String id, String author, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a note on incident " + id + " needs some text");
        }
        existing(id);
        repository.append(id, clock.instant(), Entry.note, author, text);
        return existing(id);
    }

    /** Incidents per state, for the gauges. */
    public Map<State, Long> countByState() {
        return repository.countByState();
    }

    /**
     * Finds incidents past their response or resolution deadline that were not reported yet, marks
     * them, and returns them, so that each breach is alerted once (also across restarts).
     */
    public synchronized List<SlaBreach> recordSlaBreaches() {
        Instant now = clock.instant();
        List<SlaBreach> breaches = new ArrayList<>();
        for (Incident i : repository.markBreaches(now, true)) {
            breaches.add(new SlaBreach(i, SlaBreach.Timer.response));
            repository.append(i.id(), now, Entry.state, null, "response SLA breached (due " + i.respondBy() + ")");
        }
        for (Incident i : repository.markBreaches(now, false)) {
            breaches.add(new SlaBreach(i, SlaBreach.Timer.resolution));
            repository.append(i.id(), now, Entry.state, null, "resolution SLA breached (due " + i.resolveBy() + ")");
        }
        return breaches;
    }

    /**
     * An incident found past one of its deadlines.
     *
     * @param incident the incident as it was before being marked
     * @param timer which deadline
     */
    public record SlaBreach(Incident incident, Timer timer) {
        /** The two SLA timers. */
        public enum Timer {
            response,
            resolution
        }
    }

    /** The outcome of {@link #raise}: the incident, and whether it was opened now (else joined). */
    record Raised(Incident incident, boolean opened) {
    }

    /**
     * Opens an incident for a detection, or, when the same rule already has one not yet resolved
     * for the same group, adds the new events to that one's timeline.
     */
    synchronized Raised raise(Detection d) {
        Instant now = clock.instant();
        Optional<String> unresolved = repository.findUnresolved(d.dedupKey());
        if (unresolved.isPresent()) {
            appendEvents(unresolved.get(), d, now);
            return new Raised(existing(unresolved.get()), false);
        }
        IncidentSlaConfig timers = sla.get(d.severity());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rule", d.rule());
        evidence.put("group_field", d.groupField());
        evidence.put("group", d.group());
        evidence.put("summary", d.summary());
        evidence.put("detected_at", d.time().toString());
        evidence.put("events", Json.events(d.events()));
        String id = "inc-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Incident incident = new Incident(id, d.incidentKind(), d.rule(), d.severity(), State.open,
                d.rule() + ": " + d.summary(), Json.write(evidence), now, now.plus(timers.respond()),
                now.plus(timers.resolve()), null, null, null, null, null, null, List.of());
        repository.insert(incident, d.dedupKey());
        repository.append(id, now, Entry.state, null, "opened (" + d.severity().label() + ")");
        appendEvents(id, d, now);
        onChange.run();
        return new Raised(existing(id), true);
    }

    /** Records an action the detector took for an incident, and its outcome. */
    synchronized void recordAction(String id, String action) {
        repository.append(id, clock.instant(), Entry.action, null, action);
    }

    void onChange(Runnable listener) {
        this.onChange = Objects.requireNonNull(listener, "listener");
    }

    private void appendEvents(String id, Detection d, Instant now) {
        for (var event : d.events()) {
            repository.append(id, now, Entry.event, null, Json.write(Json.event(event)));
        }
    }

    private synchronized Incident transition(String id, List<State> from, State to, String by, String resolution) {
        Instant now = clock.instant();
        if (!repository.transition(id, from, to, now, by)) {
            Incident current = existing(id);
            throw new IllegalStateException("incident " + id + " is " + current.state() + "; only an incident that is "
                    + String.join(" or ", from.stream().map(State::name).toList()) + " can become " + to);
        }
        repository.append(id, now, Entry.state, by, to.name());
        if (resolution != null && !resolution.isBlank()) {
            repository.append(id, now, Entry.note, by, resolution);
        }
        onChange.run();
        return existing(id);
    }

    private Incident existing(String id) {
        return repository.find(id).orElseThrow(() -> new NoSuchElementException("no incident with id " + id
                + "; list them with 'rampart incidents list'"));
    }
}
