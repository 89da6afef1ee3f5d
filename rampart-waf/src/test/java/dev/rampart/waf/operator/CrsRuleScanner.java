package dev.rampart.waf.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pulls the operator of every {@code SecRule} out of the CRS rule files, just enough for the
 * operator tests: line continuations joined, the quoted operator after the targets taken with
 * {@code \"} unescaped, as the SecLang parser does.
 */
final class CrsRuleScanner {

    /** One rule's operator: its file, rule id (the chain's for a chained rule), name (without {@code @}) and argument. */
    record CrsOperator(String file, String ruleId, String name, String argument) {
    }

    private static final java.util.regex.Pattern RULE_ID = java.util.regex.Pattern.compile("[\"',\\s]id:'?(\\d+)");

    private CrsRuleScanner() {
    }

    static List<CrsOperator> operators(Path rulesDirectory) {
        List<CrsOperator> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(rulesDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\\\n", "");
                String chainId = "";
                for (String line : text.split("\n")) {
                    String rule = line.strip();
                    if (rule.startsWith("SecRule ")) {
                        java.util.regex.Matcher id = RULE_ID.matcher(rule);
                        chainId = id.find() ? id.group(1) : chainId;
                        CrsOperator operator = operatorOf(file.getFileName().toString(), chainId, rule);
                        if (operator != null) {
                            found.add(operator);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static CrsOperator operatorOf(String file, String ruleId, String rule) {
        int i = "SecRule ".length();
        while (i < rule.length() && rule.charAt(i) == ' ') {
            i++;
        }
        while (i < rule.length() && rule.charAt(i) != ' ') {
            i++;
        }
        while (i < rule.length() && rule.charAt(i) == ' ') {
            i++;
        }
        if (i >= rule.length() || rule.charAt(i) != '"') {
            return null;
        }
        StringBuilder operator = new StringBuilder();
        for (i++; i < rule.length() && rule.charAt(i) != '"'; i++) {
            char c = rule.charAt(i);
            if (c == '\\' && i + 1 < rule.length() && rule.charAt(i + 1) == '"') {
                operator.append('"');
                i++;
            } else {
                operator.append(c);
            }
        }
        String text = operator.toString();
        if (text.startsWith("!")) {
            text = text.substring(1);
        }
        if (!text.startsWith("@")) {
            return new CrsOperator(file, ruleId, "rx", text);
        }
        int space = text.indexOf(' ');
        return space < 0 ? new CrsOperator(file, ruleId, text.substring(1), "")
                : new CrsOperator(file, ruleId, text.substring(1, space), text.substring(space + 1));
    }
}
