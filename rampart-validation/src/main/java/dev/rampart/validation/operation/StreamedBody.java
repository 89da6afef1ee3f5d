package dev.rampart.validation.operation;

import dev.rampart.validation.Violation;
import dev.rampart.validation.body.JsonBodyReader;
import dev.rampart.validation.body.MultipartBodyScanner;
import dev.rampart.validation.body.XmlBodyScanner;
import dev.rampart.validation.schema.SchemaCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * One request body checked as it arrives: the limits of its media type chunk by chunk, then (JSON)
 * the schema on the tree built in the same pass, so the body is parsed once. Exactly one of the
 * three readers is set. Not thread-safe: one per body.
 */
public final class StreamedBody {

    private final JsonBodyReader json;
    private final SchemaCheck schema;
    private final boolean strict;
    private final XmlBodyScanner.Feed xml;
    private final MultipartBodyScanner.Feed multipart;
    private long fed;
    private Violation violation;

    StreamedBody(JsonBodyReader json, SchemaCheck schema, boolean strict, XmlBodyScanner.Feed xml,
            MultipartBodyScanner.Feed multipart) {
        this.json = json;
        this.schema = schema;
        this.strict = strict;
        this.xml = xml;
        this.multipart = multipart;
    }

    /** Feeds the next bytes; the first violation (then on every later call), or null to go on. */
    public Violation feed(byte[] chunk, int offset, int length) {
        if (violation != null) {
            return violation;
        }
        fed += length;
        if (json != null) {
            violation = json.feed(chunk, offset, length) ? null : json.violation();
        } else if (xml != null) {
            violation = xml.feed(chunk, offset, length);
        } else {
            violation = multipart.feed(chunk, offset, length);
        }
        return violation;
    }

    /** The body is complete: its violations (limits, syntax, then the JSON schema), empty when it is acceptable. */
    public List<Violation> finish() {
        if (violation == null) {
            if (json != null) {
                violation = json.finish() ? null : json.violation();
            } else if (xml != null) {
                violation = xml.finish();
            } else {
                violation = multipart.finish();
            }
        }
        if (violation != null) {
            return List.of(violation);
        }
        if (json == null || schema == null) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        schema.check(json.tree(), Violation.In.body, null, SchemaCheck.Direction.REQUEST, strict, out);
        return out;
    }

    /** Bytes fed so far. */
    public long bytesRead() {
        return fed;
    }
}
