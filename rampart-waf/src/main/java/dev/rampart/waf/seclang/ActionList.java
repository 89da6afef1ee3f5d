package dev.rampart.waf.seclang;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a rule's action list ({@code id:1,phase:2,msg:'a, b',t:none}) into name/argument pairs:
 * actions are separated by commas, an argument follows the first colon and may be single-quoted to
 * hold commas ({@code \'} inside quotes is a quote).
 */
final class ActionList {

    /** One action as written: {@code argument} is null when there was no colon. */
    record Item(String name, String argument) {}

    private ActionList() {}

    static List<Item> parse(String text) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= length) {
                break;
            }
            int nameStart = i;
            while (i < length && text.charAt(i) != ':' && text.charAt(i) != ',') {
                i++;
            }
            String name = text.substring(nameStart, i).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("expected an action name before ':' at position " + nameStart
                        + " of the action list");
            }
            if (i >= length || text.charAt(i) == ',') {
                items.add(new Item(name, null));
                continue;
            }
            i++;
            while (i < length && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder argument = new StringBuilder();
            if (i < length && text.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < length) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < length && text.charAt(i + 1) == '\'') {
                        argument.append('\'');
                        i += 2;
                    } else if (c == '\'') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        argument.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("action '" + name + "': expected a closing ' for its quoted argument");
                }
                while (i < length && text.charAt(i) != ',') {
                    if (!Character.isWhitespace(text.charAt(i))) {
                        throw new IllegalArgumentException("action '" + name + "': expected ',' after its quoted argument, found '"
                                + text.charAt(i) + "'");
                    }
                    i++;
                }
            } else {
                while (i < length && text.charAt(i) != ',') {
                    argument.append(text.charAt(i));
                    i++;
                }
            }
            items.add(new Item(name, argument.toString().trim()));
        }
        return items;
    }
}
