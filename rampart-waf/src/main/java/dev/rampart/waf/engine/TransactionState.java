package dev.rampart.waf.engine;

import dev.rampart.waf.EngineMode;
import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.HttpResponse;
import dev.rampart.waf.operator.MatchContext;
import dev.rampart.waf.transform.CharClasses;
import dev.rampart.waf.transform.Lowercase;
import dev.rampart.waf.transform.Transformation;
import dev.rampart.waf.variable.Variable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything one transaction knows: the request and response as variables read them, the TX and
 * other collections rules write, the last match, and what {@code ctl:} actions changed for this
 * transaction only. Not thread-safe: one transaction is evaluated by one thread at a time.
 *
 * <p>Request and response data are byte strings: each char holds one byte (ISO-8859-1), as
 * ModSecurity's C strings do, so {@code @validateUtf8Encoding}, {@code t:utf8toUnicode} and
 * {@code \xNN} patterns see the bytes the client sent.
 */
public final class TransactionState implements MatchContext {

    private static final int CAPTURE_SLOTS = 10;
    /** The TX keys of captures 0..9, built once rather than per committed capture. */
    private static final String[] CAPTURE_KEYS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    /** View indexes of variables are below this; those of rule targets start here (see {@link #valuesOf}). */
    public static final int VARIABLE_VIEWS = 256;

    private final EngineConfig config;
    private final String uniqueId;
    private final long startNanos = System.nanoTime();
    private final long startEpochSeconds = System.currentTimeMillis() / 1000;

    private final String requestMethod;
    private final String requestUriRaw;
    private final String requestUri;
    private final String requestFilename;
    private final String requestBasename;
    private final String queryString;
    private final String requestProtocol;
    private final String requestLine;
    private final String remoteAddr;
    private final String remotePort;
    private byte[] requestBodyBytes;
    private final KeyedCollection requestHeaders = new KeyedCollection();
    private final KeyedCollection requestCookies = new KeyedCollection();
    private final KeyedCollection argsGet = new KeyedCollection();
    private final KeyedCollection argsPost = new KeyedCollection();
    private final KeyedCollection args = new KeyedCollection();
    private final KeyedCollection files = new KeyedCollection();
    private final KeyedCollection filesSizes = new KeyedCollection();
    private final KeyedCollection multipartPartHeaders = new KeyedCollection();
    private final KeyedCollection tx = new KeyedCollection();
    private final KeyedCollection env = new KeyedCollection();
    private final KeyedCollection geo = new KeyedCollection();
    private final Map<String, KeyedCollection> persistent = new HashMap<>();
    private final Map<String, String> multipartFlags = new HashMap<>();
    private final KeyedCollection responseHeaders = new KeyedCollection();

    private String requestBody;
    private long filesCombinedSize;
    private boolean urlencodedError;
    private boolean inboundDataError;
    private boolean outboundDataError;
    private String reqbodyErrorMessage = "";
    private String reqbodyProcessor = "";
    private String multipartFilename;
    private String multipartName;
    private String xmlTextContent;
    private List<String> xmlAttributeValues = List.of();
    private int responseStatus;
    private String responseProtocol;
    private String responseBody;
    private long responseContentLength;
    private int highestSeverity = 255;

    private String matchedVar;
    private String matchedVarName;
    private final List<VariableValue> matchedVars = new ArrayList<>();

    private EngineMode mode;
    private boolean requestBodyAccess;
    private boolean responseBodyAccess;
    private boolean forceRequestBodyVariable;
    private boolean auditEngine = true;
    private String auditLogParts = "";
    private final List<int[]> removedIdRanges = new ArrayList<>();
    private final Set<String> removedTags = new HashSet<>();
    private final List<TargetRemoval> removedTargetsById = new ArrayList<>();
    /** A list, not a map by tag: each rule checks every removal once, and there are few (CRS: one). */
    private final List<TagRemoval> removedTargetsByTag = new ArrayList<>();
    /**
     * {@link #exclusionsFor} per rule index while the removals above stay as they are; null until
     * the first removal (CRS makes one in most transactions).
     */
    private List<Target>[] exclusionsByRule;
    private final int ruleCount;

    private Rule currentRule;
    private Rule currentChain;
    private final String[] pendingCaptures = new String[CAPTURE_SLOTS];
    private final Map<TransformationChain, Map<String, String>> transformationCache = new IdentityHashMap<>();
    /**
     * Per view index: below {@link #VARIABLE_VIEWS} a variable's (all its values), above a rule
     * target's (a key of a collection). An array, not a map: rules ask for views a few thousand
     * times per request.
     */
    private ValuesView[] views;
    /** Per raw value string (by identity), its forms: see {@link ValuesView#forms}. */
    private final Map<String, ValueForms> formsByValue = new IdentityHashMap<>();
    private final Map<String, long[]> literalScans = new HashMap<>();
    /**
     * Values shorter than this are scanned again rather than looked up by content: hashing and
     * comparing a short string costs what scanning it does.
     */
    private static final int SCAN_CACHE_MIN_LENGTH = 32;
    /** Per transformed value, the miss slots whose operator is known not to match it. */
    private final Map<String, long[]> operatorMisses = new HashMap<>();
    /**
     * Longer values are not remembered in {@link #operatorMisses}: an equal long value is rarely
     * seen twice by one rule (a request body is read once per chain), and hashing each new long
     * form, then comparing it with an equal one, cost more than the memo saved (8 % of a 2 KB JSON
     * POST's samples were the memo's lookups, most of them on body-sized forms).
     */
    private static final int MISS_MEMO_MAX_LENGTH = 256;
    private static final long[] NOT_BYTES = new long[0];
    private static final TransformedValues[] NO_TRANSFORMED = new TransformedValues[0];
    /** The chain of {@link ValuesView#unchanged}: no step. */
    private static final TransformationChain UNCHANGED = new TransformationChain(List.of(), List.of());

    /**
     * The values a variable built from a collection, valid while the collection is unchanged, with
     * what rules learnt about them per transformation chain.
     */
    private static final class ValuesView {
        /** The collection the values came from and its modification count; or null for a single value. */
        final KeyedCollection collection;
        final int modifications;
        /**
         * The collection's whole modification count when the view was last found valid: while it
         * is unchanged, so is the view, without looking its key's count up (CRS reads TX keys in
         * hundreds of rules, between which TX mostly stays as it was).
         */
        int checkedAt = -1;
        /** For a single-valued variable: the value the view was built on (compared by content). */
        final String single;
        /** For a rule target's view of one key of the collection: the key; else null. */
        String key;
        final List<VariableValue> values;
        /**
         * The first chain's, then the others' in the order first asked for: most views (a TX key, a
         * header) are read through one chain, ARGS in CRS through about a dozen.
         */
        TransformedValues first;
        TransformedValues[] transformed = NO_TRANSFORMED;
        int transformedCount;
        /** Per value, what chains and the prefilter made of it; null until a chain reads it. */
        private ValueForms[] forms;
        /** The union of the raw values' prefilter bits ({@link TransformedValues#rawUnion}); null until asked. */
        long[] rawUnion;
        /**
         * What every chain that changes none of the values gives: one for all of them, so a view
         * read through a dozen chains its values cannot trigger (a header through CRS's decoding
         * chains) is scanned and summed up once instead of once per chain.
         */
        TransformedValues unchanged;
        /** The union of the values' {@link CharClasses}; -1 until worked out. */
        private int classes = -1;

        /** The transaction's forms by raw value, shared by every view holding that string. */
        private final Map<String, ValueForms> formsByValue;

        ValuesView(KeyedCollection collection, int modifications, String single, List<VariableValue> values,
                Map<String, ValueForms> formsByValue) {
            this.collection = collection;
            this.modifications = modifications;
            this.single = single;
            this.values = values;
            this.formsByValue = formsByValue;
        }

        /** The {@link CharClasses} any value of the view holds: a chain that triggers none of them changes no value. */
        int classes() {
            int union = classes;
            if (union < 0) {
                union = 0;
                for (int i = 0; i < values.size(); i++) {
                    union |= forms(i).classes;
                }
                classes = union;
            }
            return union;
        }

        /** The forms of value {@code index}, shared by every chain that reads it. */
        ValueForms forms(int index) {
            if (forms == null) {
                forms = new ValueForms[values.size()];
            }
            ValueForms known = forms[index];
            if (known == null) {
                // By identity: ARGS and ARGS_GET, REQUEST_HEADERS and REQUEST_HEADERS:Accept hold the
                // same strings, whose forms and scans are then worked out once.
                String raw = values.get(index).value();
                known = formsByValue.get(raw);
                if (known == null) {
                    known = new ValueForms(raw);
                    formsByValue.put(raw, known);
                }
                forms[index] = known;
            }
            return known;
        }
    }

    /**
     * What the transformation chains and the prefilter made of one value, shared by every chain
     * that reads it: its {@link CharClasses} (worked out once, so a chain skips the steps the
     * value cannot trigger without looking at it), the result of each first step applied to it
     * ({@code t:lowercase} of a value is worked out once, not once for each of the dozen CRS
     * chains that start with it after steps the value skips), and the prefilter's bits for each
     * such form, found by identity instead of by hashing the string again.
     */
    private static final class ValueForms {
        private static final int INITIAL = 4;

        final String raw;
        final int classes;
        private Transformation[] steps;
        private String[] results;
        private int[] resultClasses;
        private int stepCount;
        private String[] scanned;
        private long[][] scans;
        private int scannedCount;
        /** {@code t:lowercase} of the raw value once worked out: its prefilter bits are the raw value's. */
        String lowercased;

        ValueForms(String raw) {
            this.raw = raw;
            this.classes = CharClasses.of(raw);
        }

        /** The index of {@code step}'s result on the raw value, worked out on first use. */
        int firstStep(Transformation step) {
            for (int i = 0; i < stepCount; i++) {
                if (steps[i] == step) {
                    return i;
                }
            }
            if (steps == null) {
                steps = new Transformation[INITIAL];
                results = new String[INITIAL];
                resultClasses = new int[INITIAL];
            } else if (stepCount == steps.length) {
                steps = Arrays.copyOf(steps, stepCount * 2);
                results = Arrays.copyOf(results, stepCount * 2);
                resultClasses = Arrays.copyOf(resultClasses, stepCount * 2);
            }
            String result = step.apply(raw);
            if (result.equals(raw)) {
                // Unchanged (some steps rebuild an equal string): the raw value, so its scan is shared.
                result = raw;
            }
            if (step instanceof Lowercase) {
                lowercased = result;
            }
            steps[stepCount] = step;
            results[stepCount] = result;
            resultClasses[stepCount] = result == raw ? classes : CharClasses.of(result);
            return stepCount++;
        }

        String result(int index) {
            return results[index];
        }

        int resultClasses(int index) {
            return resultClasses[index];
        }

        /** The prefilter bits of {@code form} when it is one already scanned (by identity); else null. */
        long[] scanOf(String form) {
            for (int i = 0; i < scannedCount; i++) {
                if (scanned[i] == form) {
                    return scans[i];
                }
            }
            return null;
        }

        void rememberScan(String form, long[] bits) {
            if (scanned == null) {
                scanned = new String[INITIAL];
                scans = new long[INITIAL][];
            } else if (scannedCount == scanned.length) {
                scanned = Arrays.copyOf(scanned, scannedCount * 2);
                scans = Arrays.copyOf(scans, scannedCount * 2);
            }
            scanned[scannedCount] = form;
            scans[scannedCount++] = bits;
        }
    }

    /**
     * The values of one {@link ValuesView} through one transformation chain, index by index, and
     * the prefilter's verdict on each, filled in as rules ask: every rule on ARGS with that chain
     * then walks two arrays instead of hashing each value twice, and skips at once the values
     * that hold none of its literals (most rules, on most values).
     */
    final class TransformedValues {
        private final TransformationChain chain;
        private final ValuesView view;
        private final List<VariableValue> values;
        private final String[] inspected;
        private final long[][] literals;
        private String inspectedSingle;
        private long[] literalsSingle;
        /**
         * The union of every value's prefilter bits, once all were scanned: a rule whose literals
         * are in no value skips the whole target at once (most rules, on most requests);
         * {@link #NOT_BYTES} when a value cannot be judged.
         */
        private long[] anyValue;
        /** For multiMatch rules: {@link #candidates} per value, and their union of prefilter bits. */
        private List<String>[] candidates;
        private long[] anyCandidate;

        TransformedValues(TransformationChain chain, ValuesView view) {
            this.chain = chain;
            this.view = view;
            this.values = view.values;
            // A single value (a header, a TX key: most views) is kept in fields, not in arrays.
            this.inspected = values.size() == 1 ? null : new String[values.size()];
            this.literals = values.size() == 1 ? null : new long[values.size()][];
        }

        /** Value {@code index} after the chain. */
        String inspected(int index) {
            String value = inspected == null ? inspectedSingle : inspected[index];
            if (value == null) {
                value = transform(chain, view.forms(index));
                if (inspected == null) {
                    inspectedSingle = value;
                } else {
                    inspected[index] = value;
                }
            }
            return value;
        }

        /** The prefilter bits of value {@code index} after the chain. */
        private long[] literals(LiteralPrefilter prefilter, int index) {
            long[] present = literals == null ? literalsSingle : literals[index];
            if (present == null) {
                present = literalsOf(prefilter, index, inspected(index));
                if (literals == null) {
                    literalsSingle = present;
                } else {
                    literals[index] = present;
                }
            }
            return present;
        }

        /** Whether {@code form}, a form of value {@code index}, holds a literal of each set of {@code slot} (or cannot be judged). */
        boolean formHoldsLiteral(LiteralPrefilter prefilter, int slot, int index, String form) {
            long[] present = literalsOf(prefilter, index, form);
            return present == NOT_BYTES || prefilter.holds(present, slot);
        }

        /** The prefilter bits of {@code form}, a form of value {@code index}; {@link #NOT_BYTES} when it cannot judge. */
        private long[] literalsOf(LiteralPrefilter prefilter, int index, String form) {
            ValueForms forms = view.forms(index);
            long[] present = forms.scanOf(form);
            if (present == null) {
                // The prefilter folds case as it scans: t:lowercase of the raw value holds exactly
                // the raw value's literal sets, so one scan serves both.
                String scanned = form == forms.lowercased ? forms.raw : form;
                present = scanned == form ? null : forms.scanOf(scanned);
                if (present == null) {
                    present = literalScan(prefilter, scanned);
                    if (scanned != form) {
                        forms.rememberScan(scanned, present);
                    }
                }
                forms.rememberScan(form, present);
            }
            return present;
        }

        /**
         * For a {@code multiMatch} rule: value {@code index} and every distinct result the chain
         * made of it on the way ({@link TransformationChain#applyEach}).
         */
        List<String> candidates(int index) {
            if (candidates == null) {
                @SuppressWarnings("unchecked")
                List<String>[] each = new List[values.size()];
                candidates = each;
            }
            List<String> forms = candidates[index];
            if (forms == null) {
                // The first step the value triggers comes from its forms, shared with other chains
                // (934100 and 934160 both start a plain value with its t:base64Decode).
                ValueForms value = view.forms(index);
                int first = chain.firstTriggered(value.classes);
                if (first < 0) {
                    forms = List.of(value.raw);
                } else {
                    int result = value.firstStep(chain.step(first));
                    forms = chain.applyEachFrom(first + 1, value.raw, value.result(result), value.resultClasses(result));
                }
                candidates[index] = forms;
            }
            return forms;
        }

        /** {@link #anyHoldsLiteral} over every {@link #candidates} of every value. */
        boolean anyCandidateHoldsLiteral(LiteralPrefilter prefilter, int slot) {
            long[] union = anyCandidate;
            if (union == null) {
                // Each value's first candidate is the value itself, already in the raw union.
                long[] raw = rawUnion(prefilter);
                union = raw;
                for (int i = 0; i < values.size() && union != NOT_BYTES; i++) {
                    List<String> forms = candidates(i);
                    for (int f = 1; f < forms.size() && union != NOT_BYTES; f++) {
                        union = or(union == raw ? raw.clone() : union, literalsOf(prefilter, i, forms.get(f)));
                    }
                }
                anyCandidate = union;
            }
            return union == NOT_BYTES || prefilter.holds(union, slot);
        }

        /**
         * Whether the values, transformed, together hold a literal of each set of {@code slot}
         * (or one cannot be judged): when not, no single value does.
         */
        boolean anyHoldsLiteral(LiteralPrefilter prefilter, int slot) {
            long[] union = anyValue;
            if (union == null) {
                if (values.size() == 1) {
                    union = literals(prefilter, 0);
                } else {
                    // The raw values' union (one per view), plus the forms this chain changed: a
                    // value the chain leaves as it is (or only lower-cases) adds nothing new. Where
                    // a chain changes a value, the raw value's bits stay in too, which can only
                    // keep a rule from skipping the target, never make it skip one it must not.
                    long[] raw = rawUnion(prefilter);
                    union = raw;
                    for (int i = 0; i < values.size() && union != NOT_BYTES; i++) {
                        ValueForms forms = view.forms(i);
                        if (!chain.mayChange(forms.classes)) {
                            continue;
                        }
                        String form = inspected(i);
                        if (form == forms.raw || form == forms.lowercased) {
                            continue;
                        }
                        union = or(union == raw ? raw.clone() : union, literals(prefilter, i));
                    }
                }
                anyValue = union;
            }
            return union == NOT_BYTES || prefilter.holds(union, slot);
        }

        /** The union of the prefilter bits of the view's raw values, worked out once per view (never changed after). */
        private long[] rawUnion(LiteralPrefilter prefilter) {
            long[] union = view.rawUnion;
            if (union == null) {
                union = new long[prefilter.words()];
                for (int i = 0; i < values.size() && union != NOT_BYTES; i++) {
                    union = or(union, literalsOf(prefilter, i, view.forms(i).raw));
                }
                view.rawUnion = union;
            }
            return union;
        }

        /** Whether value {@code index}, transformed, holds a literal of each set of {@code slot} (or cannot be judged). */
        boolean holdsLiteral(LiteralPrefilter prefilter, int slot, int index) {
            long[] present = literals(prefilter, index);
            return present == NOT_BYTES || prefilter.holds(present, slot);
        }
    }

    /** {@code union} with the bits of {@code present} added; {@link #NOT_BYTES} when either is. */
    private static long[] or(long[] union, long[] present) {
        if (union == NOT_BYTES || present == NOT_BYTES) {
            return NOT_BYTES;
        }
        for (int w = 0; w < union.length; w++) {
            union[w] |= present[w];
        }
        return union;
    }

    public TransactionState(HttpRequest request, EngineConfig config, String uniqueId) {
        this(request, config, uniqueId, VARIABLE_VIEWS, 0);
    }

    /**
     * {@code viewCount} and {@code ruleCount}: the view indexes and rule indexes its rule set hands
     * out ({@link RuleSet#viewCount()}, {@link RuleSet#linkCount()}).
     */
    @SuppressWarnings("unchecked")
    public TransactionState(HttpRequest request, EngineConfig config, String uniqueId, int viewCount, int ruleCount) {
        this.views = new ValuesView[Math.max(viewCount, VARIABLE_VIEWS)];
        this.ruleCount = ruleCount;
        this.config = config;
        this.uniqueId = uniqueId;
        this.mode = config.mode();
        this.requestBodyAccess = config.requestBodyAccess();
        this.responseBodyAccess = config.responseBodyAccess();
        this.requestMethod = ByteStrings.of(request.method());
        this.requestUriRaw = ByteStrings.of(request.uri());
        this.requestProtocol = ByteStrings.of(request.protocol());
        this.requestLine = requestMethod + " " + requestUriRaw + " " + requestProtocol;
        this.remoteAddr = request.remoteAddress();
        this.remotePort = Integer.toString(request.remotePort());
        this.requestBodyBytes = request.body();
        this.requestUri = withoutSchemeAndAuthority(requestUriRaw);
        int fragment = requestUri.indexOf('#');
        String withoutFragment = fragment < 0 ? requestUri : requestUri.substring(0, fragment);
        int question = withoutFragment.indexOf('?');
        // REQUEST_FILENAME is the percent-decoded path, as Coraza and ModSecurity give it ('+' stays).
        this.requestFilename = UrlEncoded.decodePercent(question < 0 ? withoutFragment : withoutFragment.substring(0, question));
        this.queryString = question < 0 ? "" : withoutFragment.substring(question + 1);
        int slash = requestFilename.lastIndexOf('/');
        this.requestBasename = slash < 0 ? requestFilename : requestFilename.substring(slash + 1);
        for (HttpRequest.Header header : request.headers()) {
            String name = ByteStrings.of(header.name());
            String value = ByteStrings.of(header.value());
            requestHeaders.add(name, value);
            if (name.equalsIgnoreCase("cookie")) {
                Cookies.parse(value, requestCookies);
            }
        }
        this.reqbodyProcessor = processorFor(requestHeaders.first("Content-Type"));
        if (UrlEncoded.parse(queryString, (name, value) -> {
            argsGet.add(name, value);
            args.add(name, value);
        })) {
            urlencodedError = true;
        }
    }

    /**
     * The body processor ModSecurity picks from the Content-Type before phase 1, so phase-1 rules
     * see REQBODY_PROCESSOR and may override it with {@code ctl:requestBodyProcessor}; JSON and XML
     * are only chosen by such rules.
     */
    private static String processorFor(String contentType) {
        if (contentType == null) {
            return "";
        }
        String type = contentType.toLowerCase(Locale.ROOT).trim();
        if (type.startsWith("multipart/form-data")) {
            return "MULTIPART";
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return "URLENCODED";
        }
        return "";
    }

    /** {@code /a?b} from {@code http://host/a?b}; other targets unchanged. */
    private static String withoutSchemeAndAuthority(String target) {
        int scheme = target.indexOf("://");
        if (scheme <= 0 || target.startsWith("/")) {
            return target;
        }
        int path = target.indexOf('/', scheme + 3);
        return path < 0 ? "" : target.substring(path);
    }

    // ---- request variables ----

    public String requestMethod() {
        return requestMethod;
    }

    public String requestUri() {
        return requestUri;
    }

    public String requestUriRaw() {
        return requestUriRaw;
    }

    public String requestFilename() {
        return requestFilename;
    }

    public String requestBasename() {
        return requestBasename;
    }

    public String queryString() {
        return queryString;
    }

    public String requestProtocol() {
        return requestProtocol;
    }

    public String requestLine() {
        return requestLine;
    }

    public String remoteAddr() {
        return remoteAddr;
    }

    public String remotePort() {
        return remotePort;
    }

    public String uniqueId() {
        return uniqueId;
    }

    public String duration() {
        return Long.toString((System.nanoTime() - startNanos) / 1000);
    }

    public String timeEpoch() {
        return Long.toString(startEpochSeconds);
    }

    public KeyedCollection requestHeaders() {
        return requestHeaders;
    }

    public KeyedCollection requestCookies() {
        return requestCookies;
    }

    public KeyedCollection argsGet() {
        return argsGet;
    }

    public KeyedCollection argsPost() {
        return argsPost;
    }

    public KeyedCollection args() {
        return args;
    }

    public KeyedCollection files() {
        return files;
    }

    public KeyedCollection filesSizes() {
        return filesSizes;
    }

    public KeyedCollection multipartPartHeaders() {
        return multipartPartHeaders;
    }

    public KeyedCollection tx() {
        return tx;
    }

    public KeyedCollection env() {
        return env;
    }

    public KeyedCollection geo() {
        return geo;
    }

    public KeyedCollection ipCollection() {
        return persistentCollection("ip");
    }

    public KeyedCollection globalCollection() {
        return persistentCollection("global");
    }

    public KeyedCollection sessionCollection() {
        return persistentCollection("session");
    }

    public KeyedCollection userCollection() {
        return persistentCollection("user");
    }

    public KeyedCollection resourceCollection() {
        return persistentCollection("resource");
    }

    /**
     * The collection {@code initcol} opened under {@code name}. Rampart keeps these for the
     * transaction only: state across requests belongs in the rate limiter and ban list, not in
     * rule-managed collections.
     */
    public KeyedCollection persistentCollection(String name) {
        return persistent.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new KeyedCollection());
    }

    public String requestBody() {
        return requestBody;
    }

    public String requestBodyLength() {
        return Integer.toString(requestBodyBytes.length);
    }

    /** The request body bytes the caller handed in. */
    public byte[] requestBodyBytes() {
        return requestBodyBytes;
    }

    /** Replaces the request body, for a caller that receives it after phase 1 ran. */
    public void requestBodyBytes(byte[] body) {
        this.requestBodyBytes = body == null ? new byte[0] : body;
    }

    public String fullRequestLength() {
        long length = requestLine.length() + 2L;
        for (KeyedCollection.Member header : requestHeaders.members()) {
            length += header.key().length() + 2L + header.value().length() + 2L;
        }
        return Long.toString(length + 2L + requestBodyBytes.length);
    }

    public String argsCombinedSize() {
        long size = 0;
        for (KeyedCollection.Member arg : args.members()) {
            size += arg.key().length() + arg.value().length();
        }
        return Long.toString(size);
    }

    public String filesCombinedSize() {
        return Long.toString(filesCombinedSize);
    }

    public String reqbodyError() {
        return reqbodyErrorMessage.isEmpty() ? "0" : "1";
    }

    public String reqbodyErrorMessage() {
        return reqbodyErrorMessage;
    }

    /** The body processor in use, empty when none. */
    public String reqbodyProcessor() {
        return reqbodyProcessor;
    }

    public String urlencodedError() {
        return urlencodedError ? "1" : "0";
    }

    public String inboundDataError() {
        return inboundDataError ? "1" : "0";
    }

    public String outboundDataError() {
        return outboundDataError ? "1" : "0";
    }

    public String multipartFlag(String name) {
        if (!reqbodyProcessor.equals("MULTIPART")) {
            return null;
        }
        return multipartFlags.getOrDefault(name, "0");
    }

    public String multipartFilename() {
        return multipartFilename;
    }

    public String multipartName() {
        return multipartName;
    }

    /** The text content of the XML body (XML:/*), or null when no XML body was parsed. */
    public String xmlTextContent() {
        return xmlTextContent;
    }

    public List<String> xmlAttributeValues() {
        return xmlAttributeValues;
    }

    public String authType() {
        String authorization = requestHeaders.first("Authorization");
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        return space < 0 ? authorization : authorization.substring(0, space);
    }

    public String highestSeverity() {
        return Integer.toString(highestSeverity);
    }

    // ---- response variables ----

    public KeyedCollection responseHeaders() {
        return responseHeaders;
    }

    public String responseStatus() {
        return responseStatus == 0 ? null : Integer.toString(responseStatus);
    }

    public String responseProtocol() {
        return responseProtocol;
    }

    public String statusLine() {
        return responseStatus == 0 ? null : responseProtocol + " " + responseStatus;
    }

    public String responseBody() {
        return responseBody;
    }

    public String responseContentType() {
        return responseHeaders.first("Content-Type");
    }

    public String responseContentLength() {
        return responseStatus == 0 ? null : Long.toString(responseContentLength);
    }

    // ---- matches ----

    public String matchedVar() {
        return matchedVar;
    }

    public String matchedVarName() {
        return matchedVarName;
    }

    /** The values the current rule chain matched so far (MATCHED_VARS). */
    public List<VariableValue> matchedVars() {
        return matchedVars;
    }

    /** Records a match of the current rule: MATCHED_VAR, MATCHED_VAR_NAME and MATCHED_VARS. */
    public void recordMatch(VariableValue value, String inspected) {
        matchedVar = inspected;
        matchedVarName = value.name();
        matchedVars.add(new VariableValue(value.name(), value.key(), inspected));
    }

    /** Forgets MATCHED_VARS when a new rule chain starts. */
    public void startChain() {
        matchedVars.clear();
    }

    public void raiseSeverity(int severity) {
        if (severity >= 0 && severity < highestSeverity) {
            highestSeverity = severity;
        }
    }

    // ---- body and response input, written by the body processors and the transaction ----

    public EngineConfig config() {
        return config;
    }

    public void requestBody(String body) {
        this.requestBody = body;
    }

    public void reqbodyProcessor(String processor) {
        this.reqbodyProcessor = processor;
    }

    /** Records why the request body could not be parsed (REQBODY_ERROR=1, REQBODY_ERROR_MSG). */
    public void reqbodyError(String message) {
        this.reqbodyErrorMessage = message.isEmpty() ? "request body error" : message;
    }

    public void urlencodedError(boolean error) {
        this.urlencodedError |= error;
    }

    public void inboundDataError(boolean error) {
        this.inboundDataError = error;
    }

    /** Adds a request-body argument (ARGS_POST and ARGS). */
    public void addPostArgument(String name, String value) {
        argsPost.add(name, value);
        args.add(name, value);
    }

    /** Records a multipart file part: FILES, FILES_NAMES, FILES_SIZES, FILES_COMBINED_SIZE. */
    public void addFile(String fieldName, String fileName, long size) {
        files.add(fieldName, fileName);
        filesSizes.add(fieldName, Long.toString(size));
        filesCombinedSize += size;
        multipartFilename = fileName;
    }

    public void multipartName(String name) {
        this.multipartName = name;
    }

    public void multipartFlag(String name, boolean set) {
        multipartFlags.put(name, set ? "1" : "0");
    }

    public void xml(String textContent, List<String> attributeValues) {
        this.xmlTextContent = textContent;
        this.xmlAttributeValues = List.copyOf(attributeValues);
    }

    public void response(HttpResponse response) {
        this.responseStatus = response.status();
        this.responseProtocol = ByteStrings.of(response.protocol());
        for (HttpRequest.Header header : response.headers()) {
            responseHeaders.add(ByteStrings.of(header.name()), ByteStrings.of(header.value()));
        }
        this.responseContentLength = response.body().length;
    }

    public void responseBody(byte[] body, long limit) {
        boolean truncated = body.length > limit;
        this.outboundDataError = truncated;
        int length = (int) Math.min(body.length, limit);
        this.responseBody = new String(body, 0, length, StandardCharsets.ISO_8859_1);
    }

    // ---- ctl: per-transaction changes ----

    public EngineMode mode() {
        return mode;
    }

    public void mode(EngineMode newMode) {
        this.mode = newMode;
    }

    public boolean requestBodyAccess() {
        return requestBodyAccess;
    }

    public void requestBodyAccess(boolean on) {
        this.requestBodyAccess = on;
    }

    public boolean responseBodyAccess() {
        return responseBodyAccess;
    }

    public void responseBodyAccess(boolean on) {
        this.responseBodyAccess = on;
    }

    public boolean forceRequestBodyVariable() {
        return forceRequestBodyVariable;
    }

    public void forceRequestBodyVariable(boolean on) {
        this.forceRequestBodyVariable = on;
    }

    public boolean auditEngine() {
        return auditEngine;
    }

    public void auditEngine(boolean on) {
        this.auditEngine = on;
    }

    public String auditLogParts() {
        return auditLogParts;
    }

    public void auditLogParts(String parts) {
        this.auditLogParts = parts;
    }

    /** Removes rules with ids {@code from}..{@code to} (inclusive) from the rest of this transaction. */
    public void removeRulesById(int from, int to) {
        removedIdRanges.add(new int[] {from, to});
    }

    public void removeRulesByTag(String tag) {
        removedTags.add(tag);
    }

    private record TargetRemoval(int from, int to, Target target) {}

    private record TagRemoval(String tag, Target target) {}

    /** Removes {@code target} from rules {@code from}..{@code to} (inclusive) for the rest of this transaction. */
    public void removeTargetById(int from, int to, Target target) {
        removedTargetsById.add(new TargetRemoval(from, to, target));
        forgetExclusions();
    }

    public void removeTargetByTag(String tag, Target target) {
        removedTargetsByTag.add(new TagRemoval(tag, target));
        forgetExclusions();
    }

    @SuppressWarnings("unchecked")
    private void forgetExclusions() {
        if (exclusionsByRule == null) {
            exclusionsByRule = new List[ruleCount];
        } else {
            Arrays.fill(exclusionsByRule, null);
        }
    }

    /** Whether a {@code ctl:ruleRemoveById/ByTag} earlier in this transaction removed {@code rule}. */
    public boolean removed(Rule rule) {
        // Indexed loops: this runs for every rule of every phase, and an iterator each time was a
        // good part of what a request allocated.
        for (int i = 0; i < removedIdRanges.size(); i++) {
            int[] range = removedIdRanges.get(i);
            if (rule.id() >= range[0] && rule.id() <= range[1]) {
                return true;
            }
        }
        if (!removedTags.isEmpty()) {
            List<String> tags = rule.tags();
            for (int i = 0; i < tags.size(); i++) {
                if (removedTags.contains(tags.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The rule's own exclusions plus the targets {@code ctl:ruleRemoveTarget*} removed from it in this transaction. */
    public List<Target> exclusionsFor(Rule rule, int chainId) {
        if (removedTargetsById.isEmpty() && removedTargetsByTag.isEmpty()) {
            return rule.exclusions();
        }
        // CRS removes targets by tag early in most transactions; each rule's list is then built
        // once, not once per evaluation (a rule's chain id never changes).
        int index = rule.index();
        if (exclusionsByRule == null || index < 0 || index >= exclusionsByRule.length) {
            return withRemovedTargets(rule, chainId);
        }
        List<Target> known = exclusionsByRule[index];
        if (known == null) {
            known = withRemovedTargets(rule, chainId);
            exclusionsByRule[index] = known;
        }
        return known;
    }

    private List<Target> withRemovedTargets(Rule rule, int chainId) {
        // Built only for the rules a removal names: most rules keep their own list.
        List<Target> all = null;
        int room = rule.exclusions().size() + removedTargetsById.size() + removedTargetsByTag.size();
        for (int i = 0; i < removedTargetsById.size(); i++) {
            TargetRemoval removal = removedTargetsById.get(i);
            if (chainId >= removal.from() && chainId <= removal.to()) {
                if (all == null) {
                    all = new ArrayList<>(room);
                    all.addAll(rule.exclusions());
                }
                all.add(removal.target());
            }
        }
        for (int i = 0; i < removedTargetsByTag.size(); i++) {
            TagRemoval removal = removedTargetsByTag.get(i);
            if (rule.hasTag(removal.tag())) {
                if (all == null) {
                    all = new ArrayList<>(room);
                    all.addAll(rule.exclusions());
                }
                all.add(removal.target());
            }
        }
        return all == null ? rule.exclusions() : all;
    }

    // ---- rule evaluation context ----

    public Rule currentRule() {
        return currentRule;
    }

    /** Sets the rule being evaluated and the first rule of its chain (whose id and msg {@code %{rule.*}} give). */
    public void currentRule(Rule rule, Rule chainStarter) {
        this.currentRule = rule;
        this.currentChain = chainStarter;
    }

    /**
     * The values a variable or rule target builds from {@code collection}, built once and reused
     * by every rule until the collection changes (ARGS are read by hundreds of CRS rules, TX
     * changes often). {@code view}: the variable's or target's view index, -1 for none (built
     * each time).
     */
    public List<VariableValue> valuesOf(int view, KeyedCollection collection,
            Function<KeyedCollection, List<VariableValue>> build) {
        List<VariableValue> known = knownValues(view, collection);
        return known != null ? known : keepValues(view, collection, build.apply(collection));
    }

    /**
     * {@link #valuesOf} in two calls, for callers on the hot path that would otherwise allocate a
     * capturing lambda per call: the values kept for {@code view} while {@code collection} is
     * unchanged, or null; then {@link #keepValues} with the values built.
     */
    public List<VariableValue> knownValues(int view, KeyedCollection collection) {
        return knownValues(view, collection, null);
    }

    /**
     * {@link #knownValues(int, KeyedCollection)} for the members under {@code key}: the key is
     * checked too, so two targets that got one view index (a parser built twice shares its
     * targets) never read each other's values.
     */
    public List<VariableValue> knownValues(int view, KeyedCollection collection, String key) {
        if (view < 0) {
            return null;
        }
        ValuesView known = view(view);
        if (known == null || known.collection != collection || known.key != key && !Objects.equals(known.key, key)) {
            return null;
        }
        int whole = collection.modifications();
        if (known.checkedAt == whole) {
            // Nothing in the collection changed since the view was last found valid: no key lookup.
            return known.values;
        }
        if (known.modifications != (key == null ? whole : collection.modificationsOf(key))) {
            return null;
        }
        known.checkedAt = whole;
        return known.values;
    }

    /** Keeps {@code values}, built from {@code collection} as it is now, for {@code view}; returns them (a copy). */
    public List<VariableValue> keepValues(int view, KeyedCollection collection, List<VariableValue> values) {
        return keepValues(view, collection, null, values);
    }

    /** {@link #keepValues(int, KeyedCollection, List)} for the members under {@code key}. */
    public List<VariableValue> keepValues(int view, KeyedCollection collection, String key, List<VariableValue> values) {
        List<VariableValue> kept = List.copyOf(values);
        if (view >= 0) {
            view(view);
            int modifications = key == null ? collection.modifications() : collection.modificationsOf(key);
            ValuesView known = new ValuesView(collection, modifications, null, kept, formsByValue);
            known.key = key;
            known.checkedAt = collection.modifications();
            views[view] = known;
        }
        return kept;
    }

    /**
     * The one value of a single-valued variable ({@code REQUEST_FILENAME}) as a list, built once
     * and reused (with what rules learnt about it) while the variable gives the same string.
     */
    public List<VariableValue> singleValueOf(int view, String name, String value) {
        if (view < 0) {
            return List.of(new VariableValue(name, "", value));
        }
        ValuesView known = view(view);
        // By content: variables such as REQUEST_BASENAME or ARGS_COMBINED_SIZE build their string
        // again on each read, and a new view would throw away what rules learnt about the value.
        if (known == null || known.single == null || !known.single.equals(value)) {
            known = new ValuesView(null, 0, value, List.of(new VariableValue(name, "", value)), formsByValue);
            views[view] = known;
        }
        return known.values;
    }

    private ValuesView view(int view) {
        if (view >= views.length) {
            views = Arrays.copyOf(views, Math.max(view + 1, views.length * 2));
        }
        return views[view];
    }

    /**
     * {@code values} through {@code chain}, when {@code values} is what {@link #valuesOf} or
     * {@link #singleValueOf} last gave for {@code view}; else null (the caller transforms value by value).
     */
    TransformedValues transformed(int view, List<VariableValue> values, TransformationChain chain) {
        if (view < 0 || view >= views.length) {
            return null;
        }
        ValuesView known = views[view];
        if (known == null || known.values != values) {
            return null;
        }
        if (!chain.mayChange(known.classes())) {
            if (known.unchanged == null) {
                known.unchanged = new TransformedValues(UNCHANGED, known);
            }
            return known.unchanged;
        }
        if (known.first == null) {
            known.first = new TransformedValues(chain, known);
            return known.first;
        }
        if (known.first.chain == chain) {
            return known.first;
        }
        // A short list searched by identity: a view is read through a few chains (ARGS in CRS
        // about a dozen), out of about a hundred in the rule set.
        TransformedValues[] others = known.transformed;
        for (int i = 0; i < known.transformedCount; i++) {
            if (others[i].chain == chain) {
                return others[i];
            }
        }
        if (known.transformedCount == others.length) {
            others = Arrays.copyOf(others, Math.max(4, 2 * others.length));
            known.transformed = others;
        }
        TransformedValues transformed = new TransformedValues(chain, known);
        others[known.transformedCount++] = transformed;
        return transformed;
    }

    /** {@code value} through {@code chain}, computed once per value and chain in this transaction. */
    public String transform(TransformationChain chain, String value) {
        if (chain.isEmpty()) {
            return value;
        }
        Map<String, String> results = cacheOf(chain);
        String result = results.get(value);
        if (result == null) {
            result = chain.apply(value, CharClasses.of(value));
            results.put(value, result);
        }
        return result;
    }

    /**
     * {@code forms}' value through {@code chain}: the steps it cannot trigger are skipped, the
     * first one it does is taken from (or recorded in) {@code forms}, and only the steps after
     * that are applied here.
     */
    private static String transform(TransformationChain chain, ValueForms forms) {
        int first = chain.firstTriggered(forms.classes);
        if (first < 0) {
            return forms.raw;
        }
        int result = forms.firstStep(chain.step(first));
        return chain.applyFrom(first + 1, forms.result(result), forms.resultClasses(result));
    }

    private Map<String, String> cacheOf(TransformationChain chain) {
        Map<String, String> results = transformationCache.get(chain);
        if (results == null) {
            results = new HashMap<>();
            transformationCache.put(chain, results);
        }
        return results;
    }

    /**
     * Whether {@code value} holds a required literal of the {@code @rx} in {@code slot} of
     * {@code prefilter}; each distinct value is scanned once per transaction for all rules (values
     * are shared: the transformation cache hands every rule of a chain the same string).
     */
    boolean holdsLiteral(LiteralPrefilter prefilter, int slot, String value) {
        long[] present = literalScan(prefilter, value);
        return present == NOT_BYTES || prefilter.holds(present, slot);
    }

    /**
     * Whether the operator of the rule link with miss slot {@code slot} ({@link Rule#missSlot()})
     * is known not to match a value equal to {@code value}.
     */
    boolean knownMiss(String value, int slot) {
        if (value.length() > MISS_MEMO_MAX_LENGTH) {
            return false;
        }
        long[] misses = operatorMisses.get(value);
        return misses != null && (slot >>> 6) < misses.length && LiteralPrefilter.present(misses, slot);
    }

    /** Remembers that the operator of miss slot {@code slot} does not match {@code value}. */
    void recordMiss(String value, int slot) {
        if (value.length() > MISS_MEMO_MAX_LENGTH) {
            return;
        }
        long[] misses = operatorMisses.get(value);
        if (misses == null || (slot >>> 6) >= misses.length) {
            long[] grown = new long[Math.max((slot >>> 6) + 1, misses == null ? 1 : misses.length)];
            if (misses != null) {
                System.arraycopy(misses, 0, grown, 0, misses.length);
            }
            misses = grown;
            operatorMisses.put(value, misses);
        }
        misses[slot >>> 6] |= 1L << slot;
    }

    /** The prefilter's bit set for {@code value}, from one scan per distinct value; {@link #NOT_BYTES} when it cannot judge. */
    private long[] literalScan(LiteralPrefilter prefilter, String value) {
        if (value.length() < SCAN_CACHE_MIN_LENGTH) {
            long[] present = prefilter.scan(value);
            return present == null ? NOT_BYTES : present;
        }
        long[] present = literalScans.get(value);
        if (present == null) {
            present = prefilter.scan(value);
            if (present == null) {
                present = NOT_BYTES;
            }
            literalScans.put(value, present);
        }
        return present;
    }

    @Override
    public boolean capturing() {
        return currentRule != null && currentRule.capture();
    }

    @Override
    public void capture(int index, String value) {
        if (index >= 0 && index < CAPTURE_SLOTS) {
            pendingCaptures[index] = value;
        }
    }

    /** Clears captures an operator may record before it runs. */
    public void clearPendingCaptures() {
        Arrays.fill(pendingCaptures, null);
    }

    /** After a match of a capturing rule: TX:0..TX:9 become the captures, unset ones removed. */
    public void commitCaptures() {
        for (int i = 0; i < CAPTURE_SLOTS; i++) {
            if (pendingCaptures[i] != null) {
                tx.put(CAPTURE_KEYS[i], pendingCaptures[i]);
            } else {
                tx.remove(CAPTURE_KEYS[i]);
            }
        }
    }

    @Override
    public String expandMacros(String text) {
        if (text.indexOf("%{") < 0) {
            return text;
        }
        MacroTemplate template = MacroTemplate.of(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < template.variables.length; i++) {
            out.append(template.literals[i]).append(macroValue(template, i));
        }
        return out.append(template.literals[template.variables.length]).toString();
    }

    /** The value of reference {@code i} of {@code template}; empty when the variable or key has no value. */
    private String macroValue(MacroTemplate template, int i) {
        String key = template.keys[i];
        if (template.ruleMacros[i]) {
            return ruleMacro(key == null ? "" : key);
        }
        Variable variable = template.variables[i];
        if (variable == null) {
            return "";
        }
        String value;
        if (key == null || !variable.isCollection()) {
            List<VariableValue> values = variable.values(this);
            value = values.isEmpty() ? null : values.get(0).value();
        } else {
            value = variable.firstValue(this, key);
        }
        return value == null ? "" : value;
    }

    private String ruleMacro(String key) {
        Rule rule = currentChain;
        if (rule == null) {
            return "";
        }
        switch (key) {
            case "id":
                return Integer.toString(rule.id());
            case "msg":
                return rule.message();
            case "logdata":
                return rule.logData();
            case "severity":
                return rule.severity() < 0 ? "" : Integer.toString(rule.severity());
            case "ver":
                return rule.version();
            case "phase":
                return Integer.toString(rule.phase());
            default:
                return "";
        }
    }
}
