package dev.rampart.waf.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of SecLang transformations, keyed by the name a rule writes after {@code t:}.
 * Names are case-insensitive as in ModSecurity ({@code t:base64decode} is {@code t:base64Decode}).
 * Every transformation is stateless, so one shared instance serves all rules and threads.
 */
public final class Transformations {

    private static final Map<String, Transformation> BY_LOWERCASE_NAME = new LinkedHashMap<>();
    private static final Set<String> NAMES = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        register("none", new None());
        register("urlDecode", new UrlDecode());
        register("urlDecodeUni", new UrlDecodeUni());
        register("lowercase", new Lowercase());
        register("uppercase", new Uppercase());
        register("jsDecode", new JsDecode());
        register("htmlEntityDecode", new HtmlEntityDecode());
        register("utf8toUnicode", new Utf8ToUnicode());
        register("removeNulls", new RemoveNulls());
        register("replaceNulls", new ReplaceNulls());
        register("cssDecode", new CssDecode());
        register("cmdLine", new CmdLine());
        register("removeWhitespace", new RemoveWhitespace());
        register("compressWhitespace", new CompressWhitespace());
        register("replaceComments", new ReplaceComments());
        register("removeComments", new RemoveComments());
        register("removeCommentsChar", new RemoveCommentsChar());
        register("normalizePath", new NormalizePath());
        register("normalisePath", new NormalizePath());
        register("normalizePathWin", new NormalizePathWin());
        register("normalisePathWin", new NormalizePathWin());
        register("escapeSeqDecode", new EscapeSeqDecode());
        register("length", new Length());
        register("base64Decode", new Base64Decode());
        register("base64DecodeExt", new Base64DecodeExt());
        register("base64Encode", new Base64Encode());
        register("sha1", new Sha1());
        register("md5", new Md5());
        register("hexEncode", new HexEncode());
        register("hexDecode", new HexDecode());
        register("trim", new Trim());
        register("trimLeft", new TrimLeft());
        register("trimRight", new TrimRight());
        register("sqlHexDecode", new SqlHexDecode());
        register("urlEncode", new UrlEncode());
    }

    private Transformations() {
    }

    private static void register(String name, Transformation transformation) {
        BY_LOWERCASE_NAME.put(name.toLowerCase(Locale.ROOT), transformation);
        NAMES.add(name);
    }

    /**
     * The transformation a rule names with {@code t:name}.
     *
     * @throws IllegalArgumentException for a name no transformation has, listing the known names
     */
    public static Transformation named(String name) {
        Transformation transformation = name == null ? null : BY_LOWERCASE_NAME.get(name.toLowerCase(Locale.ROOT));
        if (transformation == null) {
            throw new IllegalArgumentException("unknown transformation 't:" + name + "'; known: " + String.join(", ", NAMES));
        }
        return transformation;
    }

    /** The names {@link #named} accepts, in their canonical spelling, sorted. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(NAMES);
    }
}
