package dev.rampart.waf.operator;

import dev.rampart.waf.transform.ByteText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the data files of {@code @pmFromFile} and {@code @ipMatchFromFile}: one entry per line,
 * blank lines and lines starting with {@code #} skipped, surrounding whitespace trimmed. Files
 * are read as bytes (one char per byte, see {@link ByteText}) so a UTF-8 phrase matches the same
 * UTF-8 bytes in a request value.
 */
final class RuleDataFiles {

    private RuleDataFiles() {
    }

    /**
     * The entries of the space-separated files named in {@code argument}, each resolved against
     * {@code rulesDirectory} unless absolute.
     */
    static List<String> entries(String argument, Path rulesDirectory) {
        String[] names = argument.trim().split("\\s+");
        if (names.length == 0 || names[0].isEmpty()) {
            throw new IllegalArgumentException("expects one or more file names, got nothing");
        }
        List<String> entries = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("http://") || name.startsWith("https://")) {
                throw new IllegalArgumentException("remote data files are not supported ('" + name
                        + "'); download the file and name its path");
            }
            Path file = rulesDirectory == null ? Path.of(name) : rulesDirectory.resolve(name);
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read data file " + file.toAbsolutePath() + ": " + e, e);
            }
            for (String line : ByteText.of(content).split("\n")) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }
}
