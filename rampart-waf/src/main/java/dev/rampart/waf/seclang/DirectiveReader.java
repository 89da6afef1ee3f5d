package dev.rampart.waf.seclang;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits configuration text into directives as Apache/ModSecurity read it: {@code #} comments,
 * a backslash at the end of a line continues the directive on the next, arguments separated by
 * whitespace and quoted with {@code "} or {@code '} where they contain whitespace; inside quotes
 * only an escaped quote ({@code \"}) loses its backslash, so regular expressions keep theirs.
 */
final class DirectiveReader {

    private DirectiveReader() {}

    static List<Directive> read(String text, String file, Path directory) {
        List<Directive> directives = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder logical = new StringBuilder();
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (logical.length() == 0) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                startLine = i + 1;
            }
            if (endsWithContinuation(line)) {
                logical.append(line, 0, line.lastIndexOf('\\'));
                if (i == lines.length - 1) {
                    throw new SecLangException(file, startLine,
                            "the directive ends with a line continuation '\\' but the file ends; expected another line");
                }
                continue;
            }
            logical.append(line);
            directives.add(split(logical.toString(), file, directory, startLine));
            logical.setLength(0);
        }
        return directives;
    }

    private static boolean endsWithContinuation(String line) {
        String stripped = line.stripTrailing();
        return stripped.endsWith("\\") && !stripped.endsWith("\\\\");
    }

    private static Directive split(String text, String file, Path directory, int line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            if (c == '"' || c == '\'') {
                char quote = c;
                i++;
                boolean closed = false;
                while (i < length) {
                    char d = text.charAt(i);
                    if (d == '\\' && i + 1 < length && text.charAt(i + 1) == quote) {
                        word.append(quote);
                        i += 2;
                    } else if (d == quote) {
                        closed = true;
                        i++;
                        break;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new SecLangException(file, line, "unterminated quoted argument: expected a closing " + quote
                            + " for the argument starting with " + quote + abbreviate(word.toString()));
                }
                if (i < length && !Character.isWhitespace(text.charAt(i))) {
                    throw new SecLangException(file, line, "expected whitespace after the closing " + quote
                            + " of argument " + quote + abbreviate(word.toString()) + quote + ", found '"
                            + text.charAt(i) + "'");
                }
            } else {
                while (i < length && !Character.isWhitespace(text.charAt(i))) {
                    word.append(text.charAt(i));
                    i++;
                }
            }
            words.add(word.toString());
        }
        return new Directive(file, directory, line, words.get(0), List.copyOf(words.subList(1, words.size())));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
