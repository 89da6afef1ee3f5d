package dev.rampart.validation.body;

import dev.rampart.core.config.MultipartLimitsConfig;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload.MultipartStream;
import org.apache.commons.fileupload.ParameterParser;

/**
 * Checks a {@code multipart/form-data} body (RFC 7578) as it streams through Commons FileUpload's
 * {@link MultipartStream}: number of parts, size of each part and of the whole, and the file names
 * clients send, which applications too often join to a directory path. Part contents are counted
 * and dropped, never kept.
 *
 * <p>A violation's name is the part's form-field name; the pointer is {@code /<index>} of the part.
 */
public final class MultipartBodyScanner {

    private final MultipartLimitsConfig limits;
    private final List<String> allowedExtensions;

    public MultipartBodyScanner(MultipartLimitsConfig limits) {
        this.limits = limits;
        this.allowedExtensions = limits.allowedExtensions().stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }

    /** Scans {@code body} with the {@code boundary} of its Content-Type; null when it is acceptable. */
    public Violation scan(InputStream body, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            // RFC 2046 §5.1.1: a boundary has 1 to 70 characters.
            return Violation.parameter(Violation.In.header, "Content-Type", BodyRules.SYNTAX, "a boundary parameter of 1-70 characters",
                    "multipart/form-data needs a boundary parameter");
        }
        long maxSize = limits.maxSize().bytes();
        int index = 0;
        String field = null;
        LimitedInputStream limited = new LimitedInputStream(body, maxSize);
        try (InputStream in = limited) {
            MultipartStream stream = new MultipartStream(in, boundary.getBytes(StandardCharsets.ISO_8859_1), 8192, null);
            boolean next = stream.skipPreamble();
            while (next) {
                if (index >= limits.maxParts()) {
                    return new Violation(Violation.In.body, null, "", BodyRules.MAX_PARTS, Integer.toString(limits.maxParts()),
                            "the body has more than " + limits.maxParts() + " parts");
                }
                ParameterParser parser = new ParameterParser();
                parser.setLowerCaseNames(true);
                String disposition = header(stream.readHeaders(), "content-disposition");
                Map<String, String> params = disposition == null ? Map.of() : parser.parse(disposition, ';');
                field = params.get("name");
                String pointer = "/" + index;
                String filename = params.containsKey("filename*") ? params.get("filename*") : params.get("filename");
                if (filename != null) {
                    String problem = filenameProblem(filename);
                    if (problem != null) {
                        return new Violation(Violation.In.body, field, pointer, BodyRules.FILENAME,
                                allowedExtensions.isEmpty() ? "a plain file name" : "a plain file name ending in " + allowedExtensions,
                                problem);
                    }
                }
                try {
                    stream.readBodyData(new PartSizeCounter(limits.maxPartSize().bytes()));
                } catch (PartTooLargeException e) {
                    return new Violation(Violation.In.body, field, pointer, BodyRules.MAX_PART_SIZE,
                            limits.maxPartSize().bytes() + " bytes", "a part is larger than " + limits.maxPartSize().bytes() + " bytes");
                }
                index++;
                next = stream.readBoundary();
            }
            return null;
        } catch (IOException e) {
            if (limited.exceeded()) {
                return new Violation(Violation.In.body, null, "", BodyRules.MAX_SIZE, maxSize + " bytes",
                        "the multipart body is larger than " + maxSize + " bytes");
            }
            return new Violation(Violation.In.body, field, "/" + index, BodyRules.SYNTAX, "multipart/form-data (RFC 7578)",
                    "the body is not well-formed multipart/form-data");
        }
    }

    /** Why {@code filename} is refused, or null. The name itself is never part of the answer. */
    private String filenameProblem(String filename) {
        if (filename.isEmpty()) {
            return null; // a file input left empty
        }
        if (filename.length() > 255) {
            return "the file name is longer than 255 characters";
        }
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "the file name contains control characters";
            }
        }
        // Path traversal (CWE-22): separators of any platform, parent references, drive letters.
        if (filename.indexOf('/') >= 0 || filename.indexOf('\\') >= 0 || filename.contains("..")
                || filename.indexOf(':') >= 0 || filename.startsWith(".")) {
            return "the file name contains a path, '..', ':' or starts with '.'";
        }
        if (!allowedExtensions.isEmpty()) {
            int dot = filename.lastIndexOf('.');
            String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (!allowedExtensions.contains(extension)) {
                return "the file name's extension is not one of " + allowedExtensions;
            }
        }
        return null;
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Thrown by {@link PartSizeCounter} to stop reading a part at its limit. */
    private static final class PartTooLargeException extends IOException {
        PartTooLargeException() {
            super("part too large");
        }
    }

    /** Counts a part's bytes and drops them; stops the read when the part passes its limit. */
    private static final class PartSizeCounter extends OutputStream {
        private final long max;
        private long count;

        PartSizeCounter(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(long n) throws PartTooLargeException {
            count += n;
            if (count > max) {
                throw new PartTooLargeException();
            }
        }
    }
}
