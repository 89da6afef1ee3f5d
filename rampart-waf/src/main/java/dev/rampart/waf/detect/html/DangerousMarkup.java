package dev.rampart.waf.detect.html;

import java.util.Optional;
import java.util.Set;

/**
 * Judges one start tag: whether the browser would run script, load active content or send the
 * page somewhere else because of it. The finding is a fixed word ({@code element:script},
 * {@code handler:onerror}, {@code scheme:javascript}, {@code style:expression}) that never
 * repeats the input's own text, so it is safe to log.
 */
public final class DangerousMarkup {

    /**
     * Elements that embed active content or re-target every link and form of the page once given
     * an attribute (a bare {@code <object>} or {@code <base>}, as in Java's {@code List<Object>},
     * does nothing). {@code <script>} runs its text and counts even bare.
     */
    private static final Set<String> ACTIVE_ELEMENTS = Set.of(
            "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "import", "xml",
            "isindex", "handler", "listener", "vmlframe");

    private DangerousMarkup() {
    }

    /** What is dangerous about {@code tag}, if anything. */
    public static Optional<String> assess(HtmlTag tag) {
        String name = localName(tag.name());
        if (name != null) {
            if (name.equals("script") || (ACTIVE_ELEMENTS.contains(name) && !tag.attributes().isEmpty())) {
                return Optional.of("element:" + name);
            }
            if (name.equals("style")) {
                Optional<String> threat = StyleThreats.find(tag.content());
                if (threat.isPresent()) {
                    return Optional.of("style:" + threat.get());
                }
            }
        }
        boolean strictHandlers = !tag.openedByInput();
        for (HtmlAttribute attribute : tag.attributes()) {
            Optional<String> finding = assess(name, attribute, strictHandlers);
            if (finding.isPresent()) {
                return finding;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a form target sends the submission to another origin: an absolute or
     * scheme-relative URL ({@code https://…}, {@code //…}, browsers read {@code \\} as {@code /}).
     * A relative action ({@code /login}), as in HTML people paste into questions, stays on the site.
     */
    private static boolean leavesTheOrigin(String url) {
        String target = CharacterReferences.decode(url).strip();
        if (target.startsWith("//") || target.startsWith("\\\\") || target.startsWith("/\\") || target.startsWith("\\/")) {
            return true;
        }
        int colon = target.indexOf(':');
        int slash = target.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash);
    }

    /** {@code script} for {@code x:script}: XHTML and SVG documents bind any prefix to the HTML namespace. */
    private static String localName(String qualified) {
        return qualified == null ? null : qualified.substring(qualified.indexOf(':') + 1);
    }

    private static Optional<String> assess(String element, HtmlAttribute attribute, boolean strictHandlers) {
        String name = attribute.name();
        if (EventHandlers.isHandler(name, strictHandlers) && attribute.hasValue()
                && ScriptCode.looksLikeCode(CharacterReferences.decode(attribute.value()))) {
            return Optional.of("handler:" + EventHandlers.label(name));
        }
        if (!attribute.hasValue()) {
            return Optional.empty();
        }
        String value = attribute.value();
        switch (name) {
            case "style" -> {
                return StyleThreats.find(value).map(threat -> "style:" + threat);
            }
            case "srcdoc" -> {
                return CharacterReferences.decode(value).indexOf('<') >= 0 ? Optional.of("attribute:srcdoc") : Optional.empty();
            }
            case "formaction" -> {
                if (leavesTheOrigin(value)) {
                    return Optional.of("attribute:formaction");
                }
            }
            case "action" -> {
                if (("form".equals(element) || "isindex".equals(element)) && leavesTheOrigin(value)) {
                    return Optional.of("attribute:action"); // a form posting the page's input elsewhere
                }
            }
            case "rel" -> {
                if ("link".equals(element) && value.toLowerCase(java.util.Locale.ROOT).contains("import")) {
                    return Optional.of("attribute:rel-import"); // HTML imports load a foreign document with script
                }
            }
            case "http-equiv", "charset" -> {
                if ("meta".equals(element)) {
                    // refresh to a script URL, cookie setting, or a charset (UTF-7) that re-reads the page
                    return Optional.of("attribute:" + name);
                }
            }
            case "attributename" -> {
                if (CharacterReferences.decode(value).trim().toLowerCase(java.util.Locale.ROOT).startsWith("on")) {
                    return Optional.of("attribute:attributename"); // SVG <set>/<animate> writing a handler
                }
            }
            default -> { }
        }
        return ScriptUrls.scheme(value).map(scheme -> "scheme:" + scheme);
    }
}
