package dev.rampart.validation.body;

import dev.rampart.core.config.MultipartLimitsConfig;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.Violation;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload.ParameterParser;

/**
 * Checks a {@code multipart/form-data} body (RFC 7578) chunk by chunk as it arrives: number of
 * parts, size of each part and of the whole, and the file names clients send, which applications
 * too often join to a directory path. The first violation ends the check, on the chunk that carries
 * it; part contents are counted and dropped, never kept. Content-Disposition parameters are read
 * with Commons FileUpload's {@link ParameterParser}.
 *
 * <p>A violation's name is the part's form-field name; the pointer is {@code /<index>} of the part.
 */
public final class MultipartBodyScanner {

    /** A part's header block longer than this is refused (Commons FileUpload's own bound). */
    private static final int MAX_HEADER_BYTES = 10 * 1024;
    private static final int CRLF = 0x0d0a;
    private static final int CRLF_CRLF = 0x0d0a0d0a;

    private final MultipartLimitsConfig limits;
    private final List<String> allowedExtensions;

    public MultipartBodyScanner(MultipartLimitsConfig limits) {
        this.limits = limits;
        this.allowedExtensions = limits.allowedExtensions().stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }

    /** Scans {@code body} with the {@code boundary} of its Content-Type; null when it is acceptable. */
    public Violation scan(InputStream body, String boundary) {
        return BodyFeed.scan(body, open(boundary), "multipart");
    }

    /** A check of one body with the {@code boundary} of its Content-Type, fed as it arrives. */
    public Feed open(String boundary) {
        return new Feed(boundary);
    }

    private enum State { PREAMBLE, DELIMITER_LINE, DELIMITER_LF, HEADERS, CONTENT, EPILOGUE }

    /**
     * One body's check, fed as it arrives: a push parser of RFC 2046 §5.1.1's grammar, because
     * Commons FileUpload's {@code MultipartStream} pulls from an {@code InputStream} and cannot wait
     * for the next chunk without holding a thread. Part contents are counted and dropped as they
     * pass; only one part's header block (at most {@value #MAX_HEADER_BYTES} bytes) is ever held.
     * Not thread-safe.
     */
    public final class Feed implements BodyFeed {
        private final byte[] delimiter;     // CRLF "--" boundary
        private final ByteArrayOutputStream headers = new ByteArrayOutputStream();
        private State state = State.PREAMBLE;
        private int matched = 2;            // the body's start counts as the CRLF before the first delimiter
        private boolean padding;
        private int dashes;
        private long fed;
        private long partBytes;
        private int lastFour;               // the header block's last four bytes, to find its end
        private int index = -1;
        private String field;
        private Violation violation;

        Feed(String boundary) {
            if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
                // RFC 2046 §5.1.1: a boundary has 1 to 70 characters.
                violation = Violation.parameter(Violation.In.header, "Content-Type", BodyRules.SYNTAX,
                        "a boundary parameter of 1-70 characters", "multipart/form-data needs a boundary parameter");
                delimiter = null;
            } else {
                delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            }
        }

        /** Feeds the next bytes; the first violation (then on every later call), or null to go on. */
        @Override
        public Violation feed(byte[] chunk, int offset, int length) {
            if (violation != null) {
                return violation;
            }
            fed += length;
            if (fed > limits.maxSize().bytes()) {
                return fail(new Violation(Violation.In.body, null, "", BodyRules.MAX_SIZE, limits.maxSize().bytes() + " bytes",
                        "the multipart body is larger than " + limits.maxSize().bytes() + " bytes"));
            }
            for (int i = offset; i < offset + length && violation == null; i++) {
                accept(chunk[i]);
            }
            return violation;
        }

        /** The body is complete: null when it ended with its close delimiter and broke no limit. */
        @Override
        public Violation finish() {
            if (violation == null && state != State.EPILOGUE) {
                fail(syntax());
            }
            return violation;
        }

        private void accept(byte b) {
            switch (state) {
                case PREAMBLE, CONTENT -> {
                    if (b == delimiter[matched]) {
                        if (++matched == delimiter.length) {
                            matched = 0;
                            padding = false;
                            dashes = 0;
                            state = State.DELIMITER_LINE;
                        }
                        return;
                    }
                    // The bytes taken for a delimiter's start were content after all. A boundary holds no
                    // CR (RFC 2046 §5.1.1 bchars), so a new match can only start at this byte.
                    int content = matched + (b == '\r' ? 0 : 1);
                    matched = b == '\r' ? 1 : 0;
                    if (state == State.CONTENT && content > 0) {
                        partBytes += content;
                        if (partBytes > limits.maxPartSize().bytes()) {
                            fail(new Violation(Violation.In.body, field, "/" + index, BodyRules.MAX_PART_SIZE,
                                    limits.maxPartSize().bytes() + " bytes",
                                    "a part is larger than " + limits.maxPartSize().bytes() + " bytes"));
                        }
                    }
                }
                case DELIMITER_LINE -> {
                    if (b == '-' && !padding && ++dashes == 2) {
                        state = State.EPILOGUE;   // the close delimiter: what follows is ignored (RFC 2046)
                    } else if (dashes == 0 && (b == ' ' || b == '\t')) {
                        padding = true;           // transport padding
                    } else if (dashes == 0 && b == '\r') {
                        state = State.DELIMITER_LF;
                    } else if (b != '-' || padding) {
                        fail(syntax());
                    }
                }
                case DELIMITER_LF -> {
                    if (b != '\n') {
                        fail(syntax());
                    } else if (++index >= limits.maxParts()) {
                        fail(new Violation(Violation.In.body, null, "", BodyRules.MAX_PARTS, Integer.toString(limits.maxParts()),
                                "the body has more than " + limits.maxParts() + " parts"));
                    } else {
                        headers.reset();
                        lastFour = 0;
                        field = null;
                        state = State.HEADERS;
                    }
                }
                case HEADERS -> {
                    if (headers.size() >= MAX_HEADER_BYTES) {
                        fail(syntax());
                        return;
                    }
                    headers.write(b);
                    lastFour = lastFour << 8 | (b & 0xff);
                    // The block ends with an empty line: CRLF alone, or CRLF CRLF after the last field.
                    if (b == '\n' && (headers.size() == 2 && (lastFour & 0xffff) == CRLF || lastFour == CRLF_CRLF)) {
                        startContent();
                    }
                }
                case EPILOGUE -> {
                    // ignored, but counted against max-size by feed
                }
            }
        }

        private void startContent() {
            String disposition = header(headers.toString(StandardCharsets.UTF_8), "content-disposition");
            ParameterParser parser = new ParameterParser();
            parser.setLowerCaseNames(true);
            Map<String, String> params = disposition == null ? Map.of() : parser.parse(disposition, ';');
            field = params.get("name");
            String filename = params.containsKey("filename*") ? params.get("filename*") : params.get("filename");
            if (filename != null) {
                String problem = filenameProblem(filename);
                if (problem != null) {
                    fail(new Violation(Violation.In.body, field, "/" + index, BodyRules.FILENAME,
                            allowedExtensions.isEmpty() ? "a plain file name" : "a plain file name ending in " + allowedExtensions,
                            problem));
                    return;
                }
            }
            partBytes = 0;
            matched = 0;
            state = State.CONTENT;
        }

        private Violation syntax() {
            return new Violation(Violation.In.body, field, "/" + Math.max(index, 0), BodyRules.SYNTAX,
                    "multipart/form-data (RFC 7578)", "the body is not well-formed multipart/form-data");
        }

        private Violation fail(Violation v) {
            violation = v;
            return v;
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
}
