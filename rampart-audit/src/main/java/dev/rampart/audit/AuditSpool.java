package dev.rampart.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local file holding entries the store could not take (JSON lines, forced to disk before the
 * entries are acknowledged). The log replays it in front of its next successful write. If the
 * process dies between that commit and the spool being emptied, the replay repeats: spooled
 * entries are delivered at least once.
 *
 * <p>Each line says whether the entry's subject fields are already in stored form
 * ({@code "subjects_protected"}): an entry spooled because its subject key could not be read holds
 * them in clear and is encrypted at replay. Only this mark decides; a value merely shaped like a
 * stored one ({@code subj:…}) is never taken as protected, or a caller could choose what readers show.
 */
public final class AuditSpool {

    private static final String PROTECTED_MARK = "subjects_protected";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;

    public AuditSpool(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * An entry of the spool.
     *
     * @param subjectsProtected whether its subject fields are in stored form; null for a line written
     *     before the spool carried the mark (its subject values in stored form are kept, as then)
     */
    record Spooled(AuditEntry entry, Boolean subjectsProtected) {}

    void append(List<Spooled> entries) {
        StringBuilder lines = new StringBuilder();
        for (Spooled e : entries) {
            ObjectNode node = AuditJson.toNode(new StoredEntry(-1, e.entry()));
            node.put(PROTECTED_MARK, e.subjectsProtected());
            lines.append(JSON.writeValueAsString(node)).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the audit spool " + file + ": " + e.getMessage(), e);
        }
    }

    /** The spooled entries, oldest first; none when the file does not exist. A torn last line (crash while spooling) is skipped. */
    List<Spooled> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Spooled> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.endsWith("}")) {
                    JsonNode mark = JSON.readTree(line).get(PROTECTED_MARK);
                    entries.add(new Spooled(AuditJson.fromLine(line).entry(), mark == null || mark.isNull() ? null : mark.asBoolean()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit spool " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot empty the audit spool " + file + ": " + e.getMessage(), e);
        }
    }
}
