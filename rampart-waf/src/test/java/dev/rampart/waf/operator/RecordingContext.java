package dev.rampart.waf.operator;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A transaction stand-in for operator tests: fixed macro values, and the captures an operator records. */
final class RecordingContext implements MatchContext {

    private static final Pattern MACRO = Pattern.compile("%\\{([^}]+)}");

    private final boolean capturing;
    private final Map<String, String> macros = new HashMap<>();
    final Map<Integer, String> captures = new TreeMap<>();

    private RecordingContext(boolean capturing) {
        this.capturing = capturing;
    }

    static RecordingContext plain() {
        return new RecordingContext(false);
    }

    static RecordingContext withCapture() {
        return new RecordingContext(true);
    }

    RecordingContext with(String macro, String value) {
        macros.put(macro.toLowerCase(Locale.ROOT), value);
        return this;
    }

    @Override
    public String expandMacros(String text) {
        Matcher m = MACRO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(macros.getOrDefault(m.group(1).toLowerCase(Locale.ROOT), "")));
        }
        return m.appendTail(out).toString();
    }

    @Override
    public boolean capturing() {
        return capturing;
    }

    @Override
    public void capture(int index, String value) {
        captures.put(index, value);
    }
}
