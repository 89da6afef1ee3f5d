package dev.rampart.validation.operation;

import dev.rampart.validation.BodyRules;
import dev.rampart.validation.ValidationOptions;
import dev.rampart.validation.ValidationRequest;
import dev.rampart.validation.ValidationResponse;
import dev.rampart.validation.Violation;
import dev.rampart.validation.body.JsonBodyReader;
import dev.rampart.validation.body.MediaType;
import dev.rampart.validation.body.MultipartBodyScanner;
import dev.rampart.validation.body.XmlBodyScanner;
import dev.rampart.validation.schema.SchemaCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a request (or a response) against one {@link Operation}: parameters, then media type,
 * then body limits, then the body schema. Every violation is collected; a broken body limit stops
 * the body from being read further.
 */
public final class OperationValidator {

    private static final int CHUNK = 16 * 1024;

    private final ValidationOptions options;
    private final XmlBodyScanner xml;
    private final MultipartBodyScanner multipart;

    public OperationValidator(ValidationOptions options) {
        this.options = options;
        this.xml = new XmlBodyScanner(options.xml());
        this.multipart = new MultipartBodyScanner(options.multipart());
    }

    /** Violations of {@code request} against {@code operation}, whose path parameters had {@code pathValues}. */
    public List<Violation> validate(ValidationRequest request, Operation operation, Map<String, String> pathValues) {
        List<Violation> out = new ArrayList<>();
        for (ParameterSpec parameter : operation.parameters()) {
            ParameterDecoder.Decoded decoded = ParameterDecoder.decode(request, parameter, pathValues, operation.parameters(), options.json());
            if (decoded == null) {
                if (parameter.required()) {
                    out.add(Violation.parameter(parameter.in(), parameter.name(), "required", "present", "is required"));
                }
            } else if (decoded.violation() != null) {
                out.add(decoded.violation());
            } else if (parameter.check() != null) {
                parameter.check().check(decoded.value(), parameter.in(), parameter.name(), SchemaCheck.Direction.REQUEST, false, out);
            }
        }
        validateBody(request, operation, out);
        return out;
    }

    private void validateBody(ValidationRequest request, Operation operation, List<Violation> out) {
        if (!request.hasBody()) {
            if (operation.bodyRequired()) {
                out.add(Violation.body("", "required", "a request body", "a request body is required"));
            }
            return;
        }
        if (request.header("Content-Type").size() > 1) {
            // Two media types for one body: the gateway and the service could each parse it as another.
            out.add(Violation.parameter(Violation.In.header, "Content-Type", BodyRules.CONTENT_TYPE, "a single Content-Type",
                    "the request has more than one Content-Type header"));
            return;
        }
        String contentType = request.contentType();
        MediaType actual = MediaType.parse(contentType);
        MediaContent content = null;
        if (!operation.bodyContent().isEmpty()) {
            content = actual == null ? null : select(operation.bodyContent(), actual);
            if (content == null) {
                out.add(Violation.parameter(Violation.In.header, "Content-Type", BodyRules.CONTENT_TYPE,
                        operation.bodyContent().stream().map(c -> c.range().essence()).collect(Collectors.joining(", ")),
                        "the request body's media type is not accepted here"));
                return;
            }
        }
        if (actual == null) {
            return; // any media type is accepted and none was named: nothing to parse the body as
        }
        try {
            if (actual.isJson()) {
                JsonBodyReader reader = readJson(request, content != null && content.schema() != null);
                if (reader.violation() != null) {
                    out.add(reader.violation());
                } else if (content != null && content.schema() != null) {
                    content.schema().check(reader.tree(), Violation.In.body, null, SchemaCheck.Direction.REQUEST, options.strictProperties(), out);
                }
            } else if (actual.isXml()) {
                addIfPresent(out, scan(request, in -> xml.scan(in)));
            } else if (actual.isMultipartFormData()) {
                String boundary = actual.parameters().get("boundary");
                addIfPresent(out, scan(request, in -> multipart.scan(in, boundary)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }

    /**
     * A check of {@code request}'s body to be fed as it arrives, or null when there is nothing to
     * parse it as: no or several {@code Content-Type}s, a media type the operation does not accept
     * (both reported by {@link #validate} on the head), or one other than JSON, XML and multipart.
     */
    public StreamedBody streamBody(ValidationRequest request, Operation operation) {
        if (request.header("Content-Type").size() != 1) {
            return null;
        }
        MediaType actual = MediaType.parse(request.contentType());
        if (actual == null) {
            return null;
        }
        MediaContent content = null;
        if (!operation.bodyContent().isEmpty()) {
            content = select(operation.bodyContent(), actual);
            if (content == null) {
                return null;
            }
        }
        if (actual.isJson()) {
            SchemaCheck schema = content == null ? null : content.schema();
            return new StreamedBody(new JsonBodyReader(options.json(), schema != null), schema, options.strictProperties(),
                    null, null);
        }
        if (actual.isXml()) {
            return new StreamedBody(null, null, false, xml.open(), null);
        }
        if (actual.isMultipartFormData()) {
            return new StreamedBody(null, null, false, null, multipart.open(actual.parameters().get("boundary")));
        }
        return null;
    }

    /** Violations of an upstream {@code response} to a request for {@code operation}. */
    public List<Violation> validateResponse(ValidationResponse response, Operation operation) {
        List<Violation> out = new ArrayList<>();
        String code = Integer.toString(response.status());
        List<MediaContent> declared = operation.responses().get(code);
        if (declared == null) {
            declared = operation.responses().get(code.charAt(0) + "XX");
        }
        if (declared == null) {
            declared = operation.responses().get("default");
        }
        if (declared == null) {
            if (!operation.responses().isEmpty()) {
                out.add(new Violation(Violation.In.response, "status", "", "status",
                        String.join(", ", new TreeSet<>(operation.responses().keySet())),
                        "the upstream answered with a status the contract does not declare"));
            }
            return out;
        }
        if (declared.isEmpty() || response.body() == null || response.body().length == 0) {
            return out;
        }
        MediaType actual = MediaType.parse(response.contentType());
        MediaContent content = actual == null ? null : select(declared, actual);
        if (content == null) {
            out.add(new Violation(Violation.In.response, "Content-Type", "", BodyRules.CONTENT_TYPE,
                    declared.stream().map(c -> c.range().essence()).collect(Collectors.joining(", ")),
                    "the upstream answered with a media type the contract does not declare"));
            return out;
        }
        if (actual.isJson() && content.schema() != null) {
            JsonBodyReader reader = JsonBodyReader.read(options.json(), response.body(), true);
            if (reader.violation() != null) {
                Violation v = reader.violation();
                out.add(new Violation(Violation.In.response, null, v.pointer(), v.rule(), v.expected(), v.detail()));
            } else {
                content.schema().check(reader.tree(), Violation.In.response, null, SchemaCheck.Direction.RESPONSE, options.strictProperties(), out);
            }
        }
        return out;
    }

    /** The declared content whose range includes {@code actual}, the most specific range first. */
    static MediaContent select(List<MediaContent> contents, MediaType actual) {
        MediaContent best = null;
        int bestRank = Integer.MAX_VALUE;
        for (MediaContent c : contents) {
            if (!c.range().includes(actual)) {
                continue;
            }
            int rank = c.range().type().equals("*") ? 2 : c.range().subtype().equals("*") ? 1 : 0;
            if (rank < bestRank) {
                best = c;
                bestRank = rank;
            }
        }
        return best;
    }

    private JsonBodyReader readJson(ValidationRequest request, boolean buildTree) throws IOException {
        byte[] bytes = request.bodyBytes();
        if (bytes != null) {
            return JsonBodyReader.read(options.json(), bytes, buildTree);
        }
        JsonBodyReader reader = new JsonBodyReader(options.json(), buildTree);
        try (InputStream in = request.openBody()) {
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (!reader.feed(chunk, 0, n)) {
                    return reader;
                }
            }
        }
        reader.finish();
        return reader;
    }

    private interface Scan {
        Violation apply(InputStream in) throws IOException;
    }

    private static Violation scan(ValidationRequest request, Scan scan) throws IOException {
        try (InputStream in = request.openBody()) {
            return scan.apply(in);
        }
    }

    private static void addIfPresent(List<Violation> out, Violation v) {
        if (v != null) {
            out.add(v);
        }
    }
}
