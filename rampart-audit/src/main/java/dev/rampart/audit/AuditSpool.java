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

/**
 * A local file holding entries the store could not take (JSON lines, forced to disk before the
 * entries are acknowledged). The log replays it in front of its next successful write. If the
 * process dies between that commit and the spool being emptied, the replay repeats: spooled
 * entries are delivered at least once.
 */
public final class AuditSpool {

    private final Path file;

    public AuditSpool(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    void append(List<AuditEntry> entries) {
        StringBuilder lines = new StringBuilder();
        for (AuditEntry e : entries) {
            lines.append(AuditJson.toLine(new StoredEntry(-1, e))).append('\n');
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
    List<AuditEntry> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<AuditEntry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.endsWith("}")) {
                    entries.add(AuditJson.fromLine(line).entry());
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
