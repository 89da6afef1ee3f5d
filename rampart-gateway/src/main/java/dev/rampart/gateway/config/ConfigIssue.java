package dev.rampart.gateway.config;

/**
 * One error or warning about a config file, pointing at where it is written.
 *
 * <p>Its string form is the one editors and CI logs link to:
 * {@code rampart.yaml:12:7: routes[0].match.colour: unknown key; allowed: hosts, path, path-prefix, methods}.
 *
 * @param file the config file's name, as the user knows it ({@code rampart.yaml})
 * @param line 1-based line, or 0 when the issue concerns the file as a whole
 * @param column 1-based column, or 0 with line 0
 * @param path the key path ({@code routes[2].upstream.urls[0]}); empty for the file as a whole
 * @param message what is wrong and what is allowed; never contains a value that came from a
 *     {@code ${...}} reference
 */
public record ConfigIssue(String file, int line, int column, String path, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ");
        if (!path.isEmpty()) {
            s.append(path).append(": ");
        }
        return s.append(message).toString();
    }
}
