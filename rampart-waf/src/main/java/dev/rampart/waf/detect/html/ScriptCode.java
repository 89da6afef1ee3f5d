package dev.rampart.waf.detect.html;

/**
 * Cheap tests of whether text an attribute hands to the JavaScript engine would do anything. A
 * handler or {@code javascript:} URL that makes no call, assignment or template-literal tag, or
 * whose parentheses or braces do not balance (JSX such as {@code onClick={() => go()}} cut at its first space
 * by the HTML tokenizer), is a syntax error or a no-op in the browser.
 */
final class ScriptCode {

    private ScriptCode() {
    }

    /**
     * Whether {@code code} calls, assigns or tags a template, with balanced parentheses and
     * braces (square brackets are left out: regular-expression literals hold them unbalanced).
     */
    static boolean looksLikeCode(String code) {
        boolean acts = false;
        int round = 0;
        int curly = 0;
        for (int i = 0; i < code.length(); i++) {
            switch (code.charAt(i)) {
                case '(' -> {
                    round++;
                    acts = true;
                }
                case ')' -> round--;
                case '{' -> curly++;
                case '}' -> curly--;
                case '`', '=' -> acts = true;
                default -> { }
            }
            if (round < 0 || curly < 0) {
                return false;
            }
        }
        return acts && curly == 0;
    }

    /**
     * Whether {@code body} begins with code rather than prose: an expression chain of names,
     * members and literals that reaches a call, a template literal or an assignment before any
     * white space. "alert(1)", "window.location='…'" and "(function(){…})()" do; "how do I …" does not.
     */
    static boolean startsWithCall(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(' || c == '`' || c == '=') {
                return true;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '[' || c == ']'
                    || c == '\'' || c == '"' || c == '\\' || c == '!' || c == '+' || c == '-')) {
                return false;
            }
        }
        return false;
    }

    /** {@code code} without the white space and {@code //} or {@code /* *}{@code /} comments it starts with. */
    static String withoutLeadingComments(String code) {
        String rest = code.stripLeading();
        while (true) {
            if (rest.startsWith("//")) {
                int newline = rest.indexOf('\n');
                rest = newline < 0 ? "" : rest.substring(newline + 1).stripLeading();
            } else if (rest.startsWith("/*")) {
                int close = rest.indexOf("*/", 2);
                rest = close < 0 ? "" : rest.substring(close + 2).stripLeading();
            } else {
                return rest;
            }
        }
    }
}
