package dev.rampart.detect;

import dev.rampart.core.Alerter;
import dev.rampart.core.Alerter.Alert;
import dev.rampart.core.BanList;
import dev.rampart.core.CredentialRevoker;
import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.DetectionActionConfig;
import dev.rampart.core.config.DetectionActionConfig.Action;
import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.PlaybookConfig;
import dev.rampart.detect.RuleSet.CompiledRule;
import dev.rampart.detect.internal.DetectorMetrics;
import dev.rampart.detect.internal.EventField;
import dev.rampart.detect.internal.SeenValueRepository;
import dev.rampart.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the security events of every guard, runs the detection rules over them, and acts: opens
 * incidents (running their kind's playbook), bans addresses, revokes or disables credentials, and
 * sends alerts. Events are handled one at a time on the detector's own worker thread, never on
 * the bus's delivery thread, because actions write to the store.
 *
 * <pre>{@code
 * Detector detector = Detector.start(config.detection(), gateway.events(), banList, revoker,
 *         WebhookAlerter.start(config.detection().alerts(), clock, registry), store, clock, registry);
 * detector.incidents().list(Incident.State.open, 50);   // admin API / CLI
 * detector.close();                                      // on shutdown: handles what is queued
 * }</pre>
 */
public final class Detector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Detector.class);
    private static final String SOURCE = "detector";

    private final RuleSet rules;
    private final Incidents incidents;
    private final Map<String, List<DetectionActionConfig>> playbooks;
    private final BanList banList;
    private final CredentialRevoker revoker;
    private final Alerter alerter;
    private final DetectorMetrics metrics;
    private final ScheduledExecutorService worker;
    private final AtomicInteger queued = new AtomicInteger();
    private final int queueCapacity;
    private final Clock clock;

    private Detector(DetectionConfig config, RuleSet rules, Incidents incidents, BanList banList,
            CredentialRevoker revoker, Alerter alerter, DetectorMetrics metrics, Clock clock) {
        this.rules = rules;
        this.clock = clock;
        this.incidents = incidents;
        this.playbooks = playbooks(config.playbooks());
        this.banList = Objects.requireNonNull(banList, "banList");
        this.revoker = Objects.requireNonNull(revoker, "revoker");
        this.alerter = Objects.requireNonNull(alerter, "alerter");
        this.metrics = metrics;
        this.queueCapacity = config.queueCapacity();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rampart-detector");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@link #start(DetectionConfig, EventBus, BanList, CredentialRevoker, Alerter, Store, Clock, MeterRegistry)} without metrics export. */
    public static Detector start(DetectionConfig config, EventBus events, BanList banList, CredentialRevoker revoker,
            Alerter alerter, Store store, Clock clock) {
        return start(config, events, banList, revoker, alerter, store, clock, new SimpleMeterRegistry());
    }

    /**
     * Compiles the rules (built-ins merged with {@code config.rules()}), subscribes to
     * {@code events}, and checks SLA timers every {@code config.sla-check-interval}.
     *
     * @throws IllegalArgumentException naming the config path when a rule, playbook or SLA is wrong
     */
    public static Detector start(DetectionConfig config, EventBus events, BanList banList, CredentialRevoker revoker,
            Alerter alerter, Store store, Clock clock, MeterRegistry registry) {
        RuleSet rules = RuleSet.compile(config.rules(), new SeenValueRepository(store));
        Incidents incidents = Incidents.over(store, config, clock);
        DetectorMetrics metrics = new DetectorMetrics(registry, rules.rules().stream().map(CompiledRule::name).toList());
        Detector detector = new Detector(config, rules, incidents, banList, revoker, alerter, metrics, clock);
        incidents.onChange(() -> metrics.incidents(incidents.countByState()));
        metrics.incidents(incidents.countByState());
        if (config.enabled()) {
            events.subscribe(detector::enqueue);
            long every = config.slaCheckInterval().toMillis();
            detector.worker.scheduleWithFixedDelay(detector::checkSlasSafely, every, every, TimeUnit.MILLISECONDS);
        }
        return detector;
    }

    /**
     * Checks {@code config} the way {@link #start} and {@link WebhookAlerter#start} do, without a
     * store, bus or thread: for config validation before anything starts.
     *
     * @return the problems found, each starting with the config path it is about (empty: none);
     *     checking stops at the first problem of each part (rules, SLA, playbooks, alerts)
     */
    public static List<String> check(DetectionConfig config) {
        List<String> problems = new ArrayList<>();
        // new_value rules read the store only when they evaluate, so compiling needs none
        checkPart(problems, () -> RuleSet.compile(config.rules(), null));
        checkPart(problems, () -> config.sla().forEach((key, timers) -> IncidentSeverity.parse(key, "detection.sla." + key)));
        checkPart(problems, () -> playbooks(config.playbooks()));
        checkPart(problems, () -> WebhookAlerter.receivers(config.alerts()));
        if (config.queueCapacity() < 1) {
            problems.add("detection.queue-capacity: must be 1 or more, got " + config.queueCapacity());
        }
        if (config.slaCheckInterval().isNegative() || config.slaCheckInterval().isZero()) {
            problems.add("detection.sla-check-interval: must be a positive duration such as 30s");
        }
        return problems;
    }

    private static void checkPart(List<String> problems, Runnable part) {
        try {
            part.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    /** The incident service over the same store (for the admin API and CLI). */
    public Incidents incidents() {
        return incidents;
    }

    /** Names of the rules in force, built-ins included, in evaluation order. */
    public List<String> ruleNames() {
        return rules.rules().stream().map(CompiledRule::name).toList();
    }

    /**
     * Runs the rules over one event and performs the actions of those that fire, on the calling
     * thread. The bus listener calls it on the detector's worker; tests and callers that already
     * are on a worker may call it directly. Not to be called concurrently with itself.
     *
     * @return the detections it made
     */
    public List<Detection> handle(SecurityEvent event) {
        metrics.eventSeen(event.type());
        List<Detection> detections = rules.evaluate(event);
        for (Detection detection : detections) {
            metrics.ruleFired(detection.rule(), 1);
            LOG.info("rule {} fired: {}", detection.rule(), detection.summary());
            perform(detection, rules.rule(detection.rule()).actions(), new Context());
        }
        return detections;
    }

    /**
     * Finds incidents past an SLA deadline, alerts once for each, and refreshes the incident gauges.
     * Runs on a schedule; callable directly (tests, an admin "check now").
     */
    public List<Incidents.SlaBreach> checkSlas() {
        List<Incidents.SlaBreach> breaches = incidents.recordSlaBreaches();
        for (Incidents.SlaBreach breach : breaches) {
            Incident i = breach.incident();
            metrics.slaBreached(breach.timer().name());
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("incident", i.id());
            fields.put("kind", i.kind());
            fields.put("state", i.state().name());
            fields.put("due", (breach.timer() == Incidents.SlaBreach.Timer.response ? i.respondBy() : i.resolveBy()).toString());
            alerter.send(new Alert(clock.instant(), "incident.sla-breached", i.severity().label(),
                    i.severity().label() + " incident " + i.id() + " missed its " + breach.timer() + " SLA", i.title(), fields));
        }
        metrics.incidents(incidents.countByState());
        return breaches;
    }

    /** Stops taking events, handles those already queued (up to 10 s), and stops the SLA timer. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the detector did not finish its queued events within 10 s; {} left", queued.get());
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(SecurityEvent event) {
        if (queued.incrementAndGet() > queueCapacity || worker.isShutdown()) {
            queued.decrementAndGet();
            metrics.dropped();
            return;
        }
        worker.execute(() -> {
            try {
                handle(event);
            } catch (RuntimeException e) {
                LOG.error("the detector failed on a {} event: {}", event.type(), e.toString(), e);
            } finally {
                queued.decrementAndGet();
            }
        });
    }

    private void checkSlasSafely() {
        try {
            checkSlas();
        } catch (RuntimeException e) {
            LOG.error("checking incident SLAs failed: {}", e.toString(), e);
        }
    }

    /** What the actions of one firing share: the incident they belong to, once there is one. */
    private static final class Context {
        Incident incident;
        boolean joinedOpenIncident;
    }

    private void perform(Detection detection, List<DetectionActionConfig> actions, Context context) {
        for (DetectionActionConfig action : actions) {
            String outcome;
            boolean ok = true;
            try {
                outcome = perform(detection, action, context);
            } catch (RuntimeException e) {
                ok = false;
                outcome = action.action() + " failed: " + e.getMessage();
                LOG.warn("rule {}: {}", detection.rule(), outcome);
            }
            metrics.action(action.action().name(), ok);
            if (context.incident != null && action.action() != Action.incident) {
                incidents.recordAction(context.incident.id(), outcome);
            }
        }
    }

    private String perform(Detection detection, DetectionActionConfig action, Context context) {
        return switch (action.action()) {
            case incident -> openIncident(detection, context);
            case alert -> alert(detection, context);
            case ban_ip -> {
                String block = target(detection, action.target() == null ? "client_ip" : action.target());
                BanList.Ban ban = banList.ban(block, "detection rule " + detection.rule(), SOURCE);
                yield "ban_ip " + ban.block() + ": banned until " + ban.until() + " (offence " + ban.offence() + ")";
            }
            case revoke, disable -> {
                CredentialRevoker.Kind kind = switch (action.credential()) {
                    case api_key -> CredentialRevoker.Kind.API_KEY;
                    case oauth2_client -> CredentialRevoker.Kind.OAUTH2_CLIENT;
                    case user -> CredentialRevoker.Kind.USER;
                };
                String field = action.target() != null ? action.target()
                        : kind == CredentialRevoker.Kind.API_KEY ? "details.key_id" : "principal";
                String id = target(detection, field);
                String reason = "detection rule " + detection.rule();
                boolean changed = action.action() == Action.revoke ? revoker.revoke(kind, id, reason)
                        : revoker.disable(kind, id, reason);
                yield action.action() + " " + action.credential() + " " + id + ": "
                        + (changed ? "done" : "nothing to do (unknown or already " + action.action() + "d)");
            }
        };
    }

    private String openIncident(Detection detection, Context context) {
        if (context.incident != null) {
            return "incident: already " + context.incident.id();
        }
        Incidents.Raised raised = incidents.raise(detection);
        context.incident = raised.incident();
        context.joinedOpenIncident = !raised.opened();
        if (raised.opened()) {
            List<DetectionActionConfig> playbook = playbooks.getOrDefault(detection.incidentKind(), List.of());
            if (!playbook.isEmpty()) {
                incidents.recordAction(raised.incident().id(), "playbook " + detection.incidentKind() + ": "
                        + playbook.size() + " actions");
                perform(detection, playbook, context);
            }
        }
        return "incident " + raised.incident().id() + (raised.opened() ? " opened" : " joined");
    }

    private String alert(Detection detection, Context context) {
        if (context.joinedOpenIncident) {
            // one alert per incident: repeat firings add to the timeline, they do not page again
            return "alert: not sent again for incident " + context.incident.id();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("rule", detection.rule());
        fields.put(detection.groupField(), detection.group());
        fields.put("events", Integer.toString(detection.events().size()));
        if (context.incident != null) {
            fields.put("incident", context.incident.id());
        }
        String kind = context.incident != null ? "incident.opened" : "detection";
        boolean queuedAlert = alerter.send(new Alert(detection.time(), kind, detection.severity().label(),
                detection.severity().label() + " " + detection.rule(), detection.summary(), fields));
        return queuedAlert ? "alert queued" : "alert dropped: the alert queue is full";
    }

    private static String target(Detection detection, String fieldName) {
        String value = detection.groupField().equals(fieldName) ? detection.group()
                : EventField.parse(fieldName, "detection action target").read(detection.trigger());
        if (value == null) {
            throw new IllegalArgumentException("the event that fired rule " + detection.rule() + " has no " + fieldName);
        }
        return value;
    }

    private static Map<String, List<DetectionActionConfig>> playbooks(List<PlaybookConfig> configs) {
        Map<String, List<DetectionActionConfig>> byKind = new HashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            PlaybookConfig p = configs.get(i);
            String at = "detection.playbooks[" + i + "]";
            if (p.incidentKind() == null || p.incidentKind().isBlank()) {
                throw new IllegalArgumentException(at + ".incident-kind is missing; name the incident kind (a rule's "
                        + "incident-kind, by default its name)");
            }
            if (byKind.containsKey(p.incidentKind())) {
                throw new IllegalArgumentException(at + ": incident kind " + p.incidentKind() + " already has a playbook; "
                        + "put all its actions in one");
            }
            RuleSet.checkActions(p.actions(), at + ".actions");
            List<DetectionActionConfig> actions = new ArrayList<>();
            for (DetectionActionConfig a : p.actions()) {
                if (a.action() != Action.incident) {
                    actions.add(a);
                }
            }
            byKind.put(p.incidentKind(), List.copyOf(actions));
        }
        return Map.copyOf(byKind);
    }
}
