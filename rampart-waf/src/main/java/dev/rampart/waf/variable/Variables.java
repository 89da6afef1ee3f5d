package dev.rampart.waf.variable;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The variables SecLang rules may target, by SecLang name (case-insensitive). */
public final class Variables {

    private static final Map<String, Variable> BY_NAME = List.<Variable>of(
                new Args(),
                new ArgsGet(),
                new ArgsPost(),
                new RequestHeaders(),
                new RequestCookies(),
                new ResponseHeaders(),
                new Tx(),
                new Files(),
                new FilesSizes(),
                new MultipartPartHeaders(),
                new Ip(),
                new Global(),
                new Session(),
                new User(),
                new Resource(),
                new Env(),
                new Geo(),
                new ArgsNames(),
                new ArgsGetNames(),
                new ArgsPostNames(),
                new RequestHeadersNames(),
                new RequestCookiesNames(),
                new ResponseHeadersNames(),
                new FilesNames(),
                new TxNames(),
                new RequestFilename(),
                new RequestBasename(),
                new RequestUri(),
                new RequestUriRaw(),
                new RequestLine(),
                new RequestMethod(),
                new RequestProtocol(),
                new RequestBody(),
                new RequestBodyLength(),
                new QueryString(),
                new FilesCombinedSize(),
                new ArgsCombinedSize(),
                new ReqbodyError(),
                new ReqbodyErrorMsg(),
                new ReqbodyProcessorError(),
                new ReqbodyProcessor(),
                new MatchedVar(),
                new MatchedVarName(),
                new ResponseStatus(),
                new ResponseBody(),
                new ResponseContentType(),
                new ResponseContentLength(),
                new ResponseProtocol(),
                new StatusLine(),
                new RemoteAddr(),
                new RemotePort(),
                new UniqueId(),
                new Duration(),
                new HighestSeverity(),
                new TimeEpoch(),
                new FullRequestLength(),
                new UrlencodedError(),
                new AuthType(),
                new InboundDataError(),
                new OutboundDataError(),
                new MultipartFilename(),
                new MultipartName(),
                new MultipartBoundaryQuoted(),
                new MultipartBoundaryWhitespace(),
                new MultipartDataBefore(),
                new MultipartDataAfter(),
                new MultipartHeaderFolding(),
                new MultipartLfLine(),
                new MultipartCrlfLfLines(),
                new MultipartMissingSemicolon(),
                new MultipartInvalidQuoting(),
                new MultipartInvalidPart(),
                new MultipartInvalidHeaderFolding(),
                new MultipartFileLimitExceeded(),
                new MultipartUnmatchedBoundary(),
                new MultipartStrictError(),
                new Xml(),
                new MatchedVars(),
                new MatchedVarsNames())
            .stream().collect(Collectors.toUnmodifiableMap(Variable::name, Function.identity()));

    /**
     * The same by lower-case name: macros ({@code %{tx.score}}) name variables in lower case, and
     * are expanded many times per request.
     */
    private static final Map<String, Variable> BY_LOWER_NAME = BY_NAME.values().stream()
            .collect(Collectors.toUnmodifiableMap(v -> v.name().toLowerCase(Locale.ROOT), Function.identity()));

    private Variables() {}

    private static Variable lookup(String name) {
        Variable variable = BY_NAME.get(name);
        if (variable == null) {
            variable = BY_LOWER_NAME.get(name);
        }
        return variable != null ? variable : BY_NAME.get(name.toUpperCase(Locale.ROOT));
    }

    /** The variable called {@code name}; IllegalArgumentException naming the known variables when there is none. */
    public static Variable named(String name) {
        Variable variable = lookup(name);
        if (variable == null) {
            throw new IllegalArgumentException("unknown variable '" + name + "'; known variables: "
                    + String.join(", ", names()));
        }
        return variable;
    }

    /** Whether a variable called {@code name} exists. */
    public static boolean exists(String name) {
        return lookup(name) != null;
    }

    /** Every variable name, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(BY_NAME.keySet());
    }
}
