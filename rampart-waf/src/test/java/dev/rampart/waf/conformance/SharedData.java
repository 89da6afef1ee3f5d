package dev.rampart.waf.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code ../shared} (the sibling of the repository holding CRS) from the module or repository directory. */
final class SharedData {

    private SharedData() {}

    /** {@code shared/<relative>} when it exists, else empty (tests then skip with a message). */
    static Optional<Path> find(String relative) {
        Path directory = Path.of("").toAbsolutePath();
        for (int depth = 0; directory != null && depth < 4; depth++, directory = directory.getParent()) {
            Path candidate = directory.resolveSibling("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
