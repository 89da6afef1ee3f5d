package dev.rampart.audit.sink;

import dev.rampart.audit.AuditJson;
import dev.rampart.audit.AuditSink;
import dev.rampart.audit.StoredEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends each entry as one JSON line to a file; when the file would grow past {@code maxBytes}
 * it is renamed {@code <file>.1} (older ones shift to {@code .2} … {@code .<keep>}, the oldest is
 * deleted) and a new file is started.
 */
public final class JsonLinesFileSink implements AuditSink {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    public JsonLinesFileSink(Path file, long maxBytes, int keep) {
        if (maxBytes < 1 || keep < 1) {
            throw new IllegalArgumentException("audit file sink " + file + ": max size and files kept must be at least 1");
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    @Override
    public synchronized void accept(StoredEntry entry) {
        byte[] line = (AuditJson.toLine(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            out.write(line);
            out.flush();
            size += line.length;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the audit file " + file + ": " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(rotated(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new IllegalStateException("cannot close the audit file " + file + ": " + e.getMessage(), e);
            }
            out = null;
        }
    }

    @Override
    public String toString() {
        return "file " + file;
    }
}
