package dev.rampart.waf.transform;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared/crs-v4.28.0} beside the repository, walking up from the working directory. */
public final class SharedData {

    private SharedData() {
    }

    /** The CRS rules directory, or null when the shared data is not on this machine. */
    public static Path crsRules() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path rules = dir.resolve("shared/crs-v4.28.0/rules");
            if (Files.isDirectory(rules)) {
                return rules;
            }
        }
        return null;
    }
}
