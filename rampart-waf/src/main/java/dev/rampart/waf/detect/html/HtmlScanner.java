package dev.rampart.waf.detect.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the start tags an HTML parser would build from text written at an {@link HtmlContext},
 * following the WHATWG tokenizer states that matter for script execution: data, tag open, tag
 * name, attribute name and value (quoted and unquoted), comments, bogus comments and the raw text
 * of {@code <style>} (also scanned for tags, see {@link #startTag}). End tags are skipped; text
 * between tags carries no markup.
 *
 * <p>From an attribute-value context the scanner first reads to the end of that value. If the
 * input closes it, what follows is read as more attributes of the application's tag and, after
 * its {@code >}, as data; from the tag context the input starts among those attributes.
 */
public final class HtmlScanner {

    private final String input;
    private final int length;
    private final List<HtmlTag> tags = new ArrayList<>();
    private int pos;
    private int styleCheckedUntil;

    private HtmlScanner(String input) {
        this.input = input;
        this.length = input.length();
    }

    /** The start tags in {@code input} written at {@code context}; empty when it never leaves a quoted value. */
    public static List<HtmlTag> startTags(String input, HtmlContext context) {
        HtmlScanner scanner = new HtmlScanner(input);
        switch (context) {
            case DATA -> scanner.data();
            case TAG -> scanner.applicationTagThenData();
            case UNQUOTED_ATTRIBUTE -> {
                while (scanner.pos < scanner.length && !isTagSpace(input.charAt(scanner.pos))
                        && input.charAt(scanner.pos) != '>') {
                    scanner.pos++;
                }
                scanner.applicationTagThenData();
            }
            case SINGLE_QUOTED_ATTRIBUTE, DOUBLE_QUOTED_ATTRIBUTE -> {
                int close = input.indexOf(context.quote());
                if (close >= 0) {
                    scanner.pos = close + 1;
                    scanner.applicationTagThenData();
                }
            }
        }
        return scanner.tags;
    }

    /** Attributes of the application's tag (its name unknown) from {@code pos}, then data after its {@code >}. */
    private void applicationTagThenData() {
        if (pos >= length) {
            return;
        }
        List<HtmlAttribute> attributes = new ArrayList<>();
        attributes(attributes);
        tags.add(new HtmlTag(null, attributes, ""));
        data();
    }

    private void data() {
        while (pos < length) {
            int open = input.indexOf('<', pos);
            if (open < 0 || open + 1 >= length) {
                return;
            }
            pos = open + 1;
            char c = input.charAt(pos);
            if (isAsciiLetter(c)) {
                startTag();
            } else if (c == '/' && pos + 1 < length && isAsciiLetter(input.charAt(pos + 1))) {
                skipPast('>'); // end tag: its attributes are ignored by the parser
            } else if (input.startsWith("!--", pos)) {
                comment();
            } else if (c == '!' || c == '?' || c == '/') {
                skipPast('>'); // bogus comment
            }
        }
    }

    private void comment() {
        pos += 3;
        if (input.startsWith(">", pos) || input.startsWith("->", pos)) {
            pos += input.charAt(pos) == '>' ? 1 : 2; // "<!-->" and "<!--->" are complete comments
            return;
        }
        int close = input.indexOf("--", pos);
        while (close >= 0) {
            int after = close + 2;
            if (after < length && input.charAt(after) == '>') {
                pos = after + 1;
                return;
            }
            if (after + 1 < length && input.charAt(after) == '!' && input.charAt(after + 1) == '>') {
                pos = after + 2;
                return;
            }
            close = input.indexOf("--", close + 1);
        }
        pos = length;
    }

    private void startTag() {
        int nameStart = pos;
        while (pos < length && !isTagSpace(input.charAt(pos)) && input.charAt(pos) != '/' && input.charAt(pos) != '>') {
            if (input.charAt(pos) == '<') {
                // "<scr<script>ipt>": a browser reads one odd tag name, but a filter that deletes
                // the inner tag leaves "<script>"; read on from the inner '<' so neither reading escapes.
                return;
            }
            pos++;
        }
        String name = input.substring(nameStart, pos).toLowerCase(Locale.ROOT);
        List<HtmlAttribute> attributes = new ArrayList<>();
        attributes(attributes);
        String content = "";
        if (name.equals("style") && pos >= styleCheckedUntil) {
            // Checked as CSS, and still scanned for tags: inside <svg> or <math> a <style> element
            // is not raw text, the namespace confusion mutation-XSS relies on. A <style> inside
            // text already checked adds nothing, and checking it again would make the scan quadratic.
            int close = indexOfIgnoringCase("</style", pos);
            styleCheckedUntil = close < 0 ? length : close;
            content = input.substring(pos, styleCheckedUntil);
        }
        tags.add(new HtmlTag(name, attributes, content));
    }

    private int indexOfIgnoringCase(String lowercaseNeedle, int from) {
        for (int at = input.indexOf('<', from); at >= 0; at = input.indexOf('<', at + 1)) {
            if (input.regionMatches(true, at, lowercaseNeedle, 0, lowercaseNeedle.length())) {
                return at;
            }
        }
        return -1;
    }

    /**
     * Attributes with a value, up to and including the tag's {@code >} or to the end of the
     * input. Attributes without one ({@code autofocus}, {@code open}) are passed over: they carry
     * no script themselves, and prose read as a tag is mostly such words.
     */
    private void attributes(List<HtmlAttribute> into) {
        while (pos < length) {
            char c = input.charAt(pos);
            if (isTagSpace(c) || c == '/') {
                pos++;
                continue;
            }
            if (c == '>') {
                pos++;
                return;
            }
            int nameStart = pos;
            pos++; // a leading '=' belongs to the name
            while (pos < length) {
                char n = input.charAt(pos);
                if (isTagSpace(n) || n == '/' || n == '>' || n == '=') {
                    break;
                }
                pos++;
            }
            int nameEnd = pos;
            skipTagSpace();
            if (pos < length && input.charAt(pos) == '=') {
                pos++;
                skipTagSpace();
                String value = attributeValue();
                into.add(new HtmlAttribute(input.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT), value));
            }
        }
    }

    private String attributeValue() {
        if (pos >= length) {
            return "";
        }
        char quote = input.charAt(pos);
        if (quote == '"' || quote == '\'') {
            int close = input.indexOf(quote, pos + 1);
            int end = close < 0 ? length : close;
            String value = input.substring(pos + 1, end);
            pos = close < 0 ? length : close + 1;
            return value;
        }
        int start = pos;
        while (pos < length && !isTagSpace(input.charAt(pos)) && input.charAt(pos) != '>') {
            pos++;
        }
        return input.substring(start, pos);
    }

    private void skipTagSpace() {
        while (pos < length && isTagSpace(input.charAt(pos))) {
            pos++;
        }
    }

    private void skipPast(char c) {
        int at = input.indexOf(c, pos);
        pos = at < 0 ? length : at + 1;
    }

    /** The tokenizer's white space: tab, line feed, form feed, space (and carriage return, normalised to LF). */
    static boolean isTagSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
