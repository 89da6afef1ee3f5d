package dev.rampart.waf.body;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.transform.ByteText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The multipart request body processor ({@code multipart/form-data}, RFC 7578): field parts become
 * request-body arguments, file parts FILES / FILES_NAMES / FILES_SIZES, every part header a
 * MULTIPART_PART_HEADERS entry; anything ModSecurity's strict parser would flag raises the same
 * MULTIPART_* variable, and any of them MULTIPART_STRICT_ERROR, which CRS rule 920xxx denies.
 * Evasions these flags catch: parameter smuggling with odd quoting, a second boundary, LF-only
 * lines that some back ends read differently from the WAF.
 */
public final class MultipartBody {

    /** ModSecurity's SecUploadFileLimit default: more file parts than this raise MULTIPART_FILE_LIMIT_EXCEEDED. */
    static final int FILE_LIMIT = 100;

    private static final String[] FLAGS = {"BOUNDARY_QUOTED", "BOUNDARY_WHITESPACE", "DATA_BEFORE", "DATA_AFTER",
        "HEADER_FOLDING", "LF_LINE", "CRLF_LF_LINES", "MISSING_SEMICOLON", "INVALID_QUOTING", "INVALID_PART",
        "INVALID_HEADER_FOLDING", "FILE_LIMIT_EXCEEDED", "UNMATCHED_BOUNDARY"};

    private final TransactionState tx;
    private final Map<String, Boolean> flags = new LinkedHashMap<>();
    private boolean crlfSeen;
    private boolean lfSeen;
    private int fileParts;

    private MultipartBody(TransactionState tx) {
        this.tx = tx;
        for (String flag : FLAGS) {
            flags.put(flag, false);
        }
    }

    /** Parses {@code body} sent with {@code contentType} into {@code tx}. */
    public static void process(byte[] body, String contentType, TransactionState tx) {
        new MultipartBody(tx).parse(ByteText.of(body), contentType);
    }

    private void parse(String body, String contentType) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            tx.reqbodyError("multipart: no boundary in Content-Type");
            finish(true);
            return;
        }
        String delimiter = "--" + boundary;
        int first = findDelimiter(body, delimiter, 0);
        if (first < 0) {
            tx.reqbodyError("multipart: the body holds no boundary line");
            finish(true);
            return;
        }
        if (!body.substring(0, first).isBlank()) {
            flags.put("DATA_BEFORE", true);
        }
        int position = first + delimiter.length();
        boolean closed = false;
        while (position <= body.length()) {
            if (body.startsWith("--", position)) {
                closed = true;
                String epilogue = body.substring(position + 2);
                if (!epilogue.isBlank()) {
                    flags.put("DATA_AFTER", true);
                }
                break;
            }
            int lineEnd = lineEnd(body, position);
            if (lineEnd < 0) {
                break;
            }
            if (!body.substring(position, lineEnd).isBlank()) {
                flags.put("INVALID_PART", true);
            }
            position = afterLineBreak(body, lineEnd);
            int next = findDelimiter(body, delimiter, position);
            if (next < 0) {
                break;
            }
            int contentEnd = next;
            if (contentEnd >= 2 && body.startsWith("\r\n", contentEnd - 2)) {
                contentEnd -= 2;
            } else if (contentEnd >= 1 && body.charAt(contentEnd - 1) == '\n') {
                contentEnd -= 1;
            }
            part(body.substring(position, Math.max(position, contentEnd)));
            position = next + delimiter.length();
        }
        if (!closed) {
            tx.reqbodyError("multipart: the final boundary is missing");
        }
        finish(!closed);
    }

    private void finish(boolean error) {
        if (crlfSeen && lfSeen) {
            flags.put("CRLF_LF_LINES", true);
        }
        boolean strict = error;
        for (Map.Entry<String, Boolean> flag : flags.entrySet()) {
            tx.multipartFlag(flag.getKey(), flag.getValue());
            strict |= flag.getValue();
        }
        tx.multipartFlag("STRICT_ERROR", strict);
    }

    /**
     * The index of {@code delimiter} at the start of a line at or after {@code from}, followed by
     * {@code --}, white space or the line end (RFC 2046 section 5.1.1), or -1; a line that starts
     * with the delimiter but goes on is not one and raises MULTIPART_UNMATCHED_BOUNDARY.
     */
    private int findDelimiter(String body, String delimiter, int from) {
        int index = body.indexOf(delimiter, from);
        while (index >= 0) {
            if (index == 0 || body.charAt(index - 1) == '\n') {
                int after = index + delimiter.length();
                if (after >= body.length() || body.startsWith("--", after) || body.charAt(after) == '\r'
                        || body.charAt(after) == '\n' || body.charAt(after) == ' ' || body.charAt(after) == '\t') {
                    return index;
                }
                flags.put("UNMATCHED_BOUNDARY", true);
            }
            index = body.indexOf(delimiter, index + 1);
        }
        return -1;
    }

    private int lineEnd(String body, int from) {
        int newline = body.indexOf('\n', from);
        if (newline < 0) {
            return -1;
        }
        if (newline > from && body.charAt(newline - 1) == '\r') {
            crlfSeen = true;
            return newline - 1;
        }
        lfSeen = true;
        flags.put("LF_LINE", true);
        return newline;
    }

    private static int afterLineBreak(String body, int lineEnd) {
        return body.charAt(lineEnd) == '\r' ? lineEnd + 2 : lineEnd + 1;
    }

    private void part(String part) {
        List<String> headers = new ArrayList<>();
        int position = 0;
        while (true) {
            int end = lineEnd(part, position);
            if (end < 0) {
                flags.put("INVALID_PART", true);
                return;
            }
            String line = part.substring(position, end);
            position = afterLineBreak(part, end);
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                flags.put("HEADER_FOLDING", true);
                if (headers.isEmpty()) {
                    flags.put("INVALID_HEADER_FOLDING", true);
                    continue;
                }
                headers.set(headers.size() - 1, headers.get(headers.size() - 1) + " " + line.trim());
                continue;
            }
            if (line.indexOf(':') <= 0) {
                flags.put("INVALID_PART", true);
            }
            headers.add(line);
        }
        String content = part.substring(Math.min(position, part.length()));
        String name = null;
        String fileName = null;
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
                Map<String, String> parameters = disposition(header.substring(colon + 1));
                name = parameters.get("name");
                fileName = parameters.get("filename");
            }
        }
        if (name == null) {
            flags.put("INVALID_PART", true);
            return;
        }
        tx.multipartName(name);
        for (String header : headers) {
            tx.multipartPartHeaders().add(name, header);
        }
        if (fileName != null) {
            fileParts++;
            if (fileParts > FILE_LIMIT) {
                flags.put("FILE_LIMIT_EXCEEDED", true);
                return;
            }
            tx.addFile(name, fileName, content.length());
        } else {
            tx.addPostArgument(name, content);
        }
    }

    /** The parameters of a Content-Disposition value ({@code form-data; name="a"; filename="b"}), flagging bad syntax. */
    private Map<String, String> disposition(String value) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String text = value.trim();
        if (!text.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            flags.put("INVALID_PART", true);
            return parameters;
        }
        int i = "form-data".length();
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            if (text.charAt(i) != ';') {
                flags.put("MISSING_SEMICOLON", true);
            } else {
                i++;
            }
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                flags.put("INVALID_PART", true);
                break;
            }
            String key = text.substring(i, equals).trim().toLowerCase(Locale.ROOT);
            i = equals + 1;
            StringBuilder parameterValue = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < text.length()) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                        parameterValue.append(text.charAt(i + 1));
                        i += 2;
                    } else if (c == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        parameterValue.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    flags.put("INVALID_QUOTING", true);
                }
            } else {
                while (i < text.length() && text.charAt(i) != ';' && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\'') {
                        flags.put("INVALID_QUOTING", true);
                    }
                    parameterValue.append(c);
                    i++;
                }
            }
            if (parameters.containsKey(key)) {
                flags.put("INVALID_PART", true);
            }
            parameters.put(key, parameterValue.toString());
        }
        return parameters;
    }

    /** The boundary parameter of a multipart Content-Type, flagging quoting and whitespace; null when absent. */
    private String boundary(String contentType) {
        int index = contentType.toLowerCase(Locale.ROOT).indexOf("boundary");
        if (index < 0) {
            return null;
        }
        int equals = contentType.indexOf('=', index);
        if (equals < 0) {
            return null;
        }
        String value = contentType.substring(equals + 1);
        int semicolon = value.indexOf(';');
        if (semicolon >= 0) {
            value = value.substring(0, semicolon);
        }
        if (!contentType.substring(index + "boundary".length(), equals).isBlank()) {
            flags.put("BOUNDARY_WHITESPACE", true);
        }
        if (!value.equals(value.trim())) {
            flags.put("BOUNDARY_WHITESPACE", true);
            value = value.trim();
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            flags.put("BOUNDARY_QUOTED", true);
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty()) {
            return null;
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            flags.put("BOUNDARY_WHITESPACE", true);
        }
        return value;
    }
}
