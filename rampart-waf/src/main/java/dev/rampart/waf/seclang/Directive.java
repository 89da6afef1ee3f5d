package dev.rampart.waf.seclang;

import java.nio.file.Path;
import java.util.List;

/**
 * One configuration directive as read from a file, after line continuations are joined and quotes
 * removed: {@code SecRule ARGS "@rx x" "id:1,deny"} has name {@code SecRule} and three arguments.
 *
 * @param file      the file, for messages
 * @param directory the directory relative paths (Include, @pmFromFile) resolve against
 * @param line      the line the directive starts on
 * @param name      the directive name as written
 * @param arguments the arguments, unquoted
 */
record Directive(String file, Path directory, int line, String name, List<String> arguments) {

    SecLangException error(String message) {
        return new SecLangException(file, line, message);
    }

    SecLangException error(String message, Throwable cause) {
        return new SecLangException(file, line, message, cause);
    }
}
