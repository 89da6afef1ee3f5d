package dev.rampart.auth.password;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Passwords too common to allow: NIST SP 800-63B §5.1.1.2 asks verifiers to compare new passwords
 * with a list of values "known to be commonly-used, expected, or compromised", because credential
 * stuffing and spraying try exactly those first. Entries and candidates are compared after NFKC
 * normalisation and lower-casing, so {@code Password1} is caught by {@code password1}.
 */
public final class PasswordBlocklist {

    private static final PasswordBlocklist EMPTY = new PasswordBlocklist(Set.of());

    private final Set<String> entries;

    private PasswordBlocklist(Set<String> entries) {
        this.entries = entries;
    }

    public static PasswordBlocklist empty() {
        return EMPTY;
    }

    /** Reads a UTF-8 file of one password per line; blank lines are skipped, surrounding spaces kept out. */
    public static PasswordBlocklist load(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            Set<String> entries = new HashSet<>();
            lines.map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> entries.add(canonical(line)));
            return new PasswordBlocklist(Set.copyOf(entries));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("Cannot read the password blocklist " + file
                    + ": " + e.getMessage() + ". Give a readable UTF-8 file with one password per line.", e);
        }
    }

    public static PasswordBlocklist of(Collection<String> passwords) {
        Set<String> entries = new HashSet<>();
        passwords.forEach(p -> entries.add(canonical(p)));
        return new PasswordBlocklist(Set.copyOf(entries));
    }

    public boolean contains(CharSequence password) {
        return entries.contains(canonical(password));
    }

    public int size() {
        return entries.size();
    }

    static String canonical(CharSequence password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
