package dev.rampart.validation.openapi;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import dev.rampart.core.path.PathTemplate;
import dev.rampart.validation.Violation;
import dev.rampart.validation.body.JsonBodyReader;
import dev.rampart.validation.body.MediaType;
import dev.rampart.validation.operation.MediaContent;
import dev.rampart.validation.operation.Operation;
import dev.rampart.validation.operation.OperationIndex;
import dev.rampart.validation.operation.ParameterSpec;
import dev.rampart.validation.schema.LocalRefs;
import dev.rampart.validation.schema.SchemaCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON) into an {@link OperationIndex}: the parts
 * validation needs (paths, operations, parameters, request bodies, responses) with document-local
 * {@code $ref}s followed, and each schema compiled by networknt from its place in the document, so
 * {@code $ref}s inside schemas resolve as the document's authors wrote them. 3.0 schemas use
 * networknt's OpenAPI 3.0 dialect ({@code nullable}, boolean {@code exclusiveMinimum}); 3.1 schemas
 * its OpenAPI 3.1 dialect (JSON Schema 2020-12), unless the document names another
 * {@code jsonSchemaDialect}.
 */
public final class OpenApiLoader {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> STYLES = List.of("form", "simple", "label", "matrix", "spaceDelimited", "pipeDelimited",
            "deepObject");
    private static final int MAX_INLINE_DEPTH = 16;

    private final JsonNode document;
    private final String documentIri;
    private final SchemaRegistry registry;

    /** The loaded document: its operations and the path prefix its first server URL gives. */
    public record Loaded(OperationIndex operations, String serverBasePath) {
    }

    private OpenApiLoader(JsonNode document, String documentIri, SchemaRegistry registry) {
        this.document = document;
        this.documentIri = documentIri;
        this.registry = registry;
    }

    /** Loads {@code file}; the message of an {@link IllegalArgumentException} says what is wrong and where. */
    public static Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenAPI document " + file, e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? JsonMapper.builder().build() : YAMLMapper.builder().build();
        JsonNode document;
        try {
            document = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not valid " + (name.endsWith(".json") ? "JSON" : "YAML")
                    + ": " + e.getOriginalMessage(), e);
        }
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException(file + " is not an OpenAPI document (no top-level mapping)");
        }
        String version = document.path("openapi").asString("");
        Dialect dialect;
        if (version.startsWith("3.0.")) {
            dialect = Dialects.getOpenApi30();
        } else if (version.startsWith("3.1.")) {
            String declared = document.path("jsonSchemaDialect").asString("");
            dialect = declared.equals(Dialects.getDraft202012().getId()) ? Dialects.getDraft202012() : Dialects.getOpenApi31();
        } else {
            throw new IllegalArgumentException(file + ": 'openapi' is '" + version
                    + "'; Rampart reads OpenAPI 3.0.x and 3.1.x documents");
        }
        String iri = file.toAbsolutePath().normalize().toUri().toString();
        String json = JsonMapper.builder().build().writeValueAsString(document);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder
                .schemaRegistryConfig(schemaConfig())
                .schemas(Map.of(iri, json)));
        OpenApiLoader loader = new OpenApiLoader(document, iri, registry);
        try {
            return new Loaded(loader.operations(), serverBasePath(document));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** networknt settings shared by both modes: {@code format} is asserted, not only annotated. */
    public static SchemaRegistryConfig schemaConfig() {
        return SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    }

    private static String serverBasePath(JsonNode document) {
        JsonNode servers = document.path("servers");
        if (!servers.isArray() || servers.isEmpty()) {
            return "";
        }
        String url = servers.get(0).path("url").asString("");
        try {
            String path = url.startsWith("/") ? url : new URI(url).getPath();
            if (path == null || path.equals("/")) {
                return "";
            }
            return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        } catch (URISyntaxException e) {
            return ""; // a server URL with variables ({region}.example.com): no fixed prefix to strip
        }
    }

    private OperationIndex operations() {
        Map<PathTemplate, Map<String, Operation>> byTemplate = new LinkedHashMap<>();
        JsonNode paths = document.path("paths");
        for (Map.Entry<String, JsonNode> entry : paths.properties()) {
            String template = entry.getKey();
            String itemPointer = "/paths/" + JsonBodyReader.escape(template);
            Located item = follow(entry.getValue(), itemPointer);
            List<Located> shared = parameterList(item, "parameters");
            Map<String, Operation> byMethod = new LinkedHashMap<>();
            for (String method : METHODS) {
                JsonNode op = item.node().get(method);
                if (op == null) {
                    continue;
                }
                Located operation = new Located(op, item.pointer() + "/" + method);
                String id = op.path("operationId").asString(method.toUpperCase(Locale.ROOT) + " " + template);
                byMethod.put(method.toUpperCase(Locale.ROOT), new Operation(id, parameters(shared, operation), bodyRequired(operation),
                        bodyContent(operation), responses(operation)));
            }
            byTemplate.put(PathTemplate.openApi(template), byMethod);
        }
        return new OperationIndex(byTemplate);
    }

    /** A node and its JSON Pointer in the document. */
    private record Located(JsonNode node, String pointer) {
        Located child(String name) {
            JsonNode child = node.get(name);
            return child == null ? null : new Located(child, pointer + "/" + JsonBodyReader.escape(name));
        }
    }

    /** Follows a {@code $ref} (local only; hops bounded) to the node it names. */
    private Located follow(JsonNode node, String pointer) {
        Located current = new Located(node, pointer);
        for (int hops = 0; hops < 32 && current.node().has("$ref"); hops++) {
            String ref = current.node().get("$ref").asString();
            JsonNode target = LocalRefs.resolve(ref, document);
            if (target == null) {
                throw new IllegalArgumentException("at " + current.pointer() + ": $ref '" + ref
                        + "' does not point into this document; only local references (#/...) are followed here");
            }
            current = new Located(target, LocalRefs.pointerOf(ref));
        }
        return current;
    }

    private List<Located> parameterList(Located owner, String name) {
        List<Located> list = new ArrayList<>();
        Located parameters = owner.child(name);
        if (parameters != null && parameters.node().isArray()) {
            for (int i = 0; i < parameters.node().size(); i++) {
                list.add(follow(parameters.node().get(i), parameters.pointer() + "/" + i));
            }
        }
        return list;
    }

    private List<ParameterSpec> parameters(List<Located> shared, Located operation) {
        // An operation's parameter replaces a path item's one with the same name and location.
        Map<String, Located> merged = new LinkedHashMap<>();
        for (Located p : shared) {
            merged.put(keyOf(p), p);
        }
        for (Located p : parameterList(operation, "parameters")) {
            merged.put(keyOf(p), p);
        }
        List<ParameterSpec> specs = new ArrayList<>();
        for (Located p : merged.values()) {
            String name = p.node().path("name").asString("");
            String inText = p.node().path("in").asString("");
            Violation.In in = switch (inText) {
                case "path" -> Violation.In.path;
                case "query" -> Violation.In.query;
                case "header" -> Violation.In.header;
                case "cookie" -> Violation.In.cookie;
                default -> throw new IllegalArgumentException("at " + p.pointer() + ": parameter 'in' is '" + inText
                        + "'; allowed: path, query, header, cookie");
            };
            // RFC 9110 and OpenAPI: Accept, Content-Type and Authorization are described elsewhere, not as parameters.
            if (in == Violation.In.header && List.of("accept", "content-type", "authorization").contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String style = p.node().path("style").asString(ParameterSpec.defaultStyle(in));
            boolean explode = p.node().path("explode").asBoolean(style.equals("form"));
            boolean required = in == Violation.In.path || p.node().path("required").asBoolean(false);
            Located schema = p.child("schema");
            Located content = p.child("content");
            if (content != null && content.node().isObject() && !content.node().isEmpty()) {
                // OpenAPI: a parameter has either a schema and a style or one media type in "content".
                if (content.node().size() != 1) {
                    throw new IllegalArgumentException("at " + content.pointer() + ": a parameter's content names exactly one media type");
                }
                String range = content.node().propertyNames().iterator().next();
                MediaType type = MediaType.parse(range);
                if (type == null) {
                    throw new IllegalArgumentException("at " + content.pointer() + ": '" + range + "' is not a media type");
                }
                style = type.isJson() ? ParameterSpec.JSON_CONTENT : ParameterSpec.RAW_CONTENT;
                schema = content.child(range).child("schema");
            } else if (!STYLES.contains(style)) {
                throw new IllegalArgumentException("at " + p.pointer() + "/style: '" + style + "' is not an OpenAPI style; allowed: "
                        + String.join(", ", STYLES));
            }
            SchemaCheck check = schema == null ? null : compile(schema);
            JsonNode shape = schema == null ? null : inline(schema.node(), 0);
            specs.add(new ParameterSpec(name, in, required, style, explode, shape, check));
        }
        return specs;
    }

    /**
     * A copy of {@code schema} with local {@code $ref}s replaced by what they point to, for reading
     * the types of properties and items when a parameter is decoded (validation itself uses the
     * compiled schema). Recursive references are cut after a few levels: deeper values stay text.
     */
    private JsonNode inline(JsonNode schema, int depth) {
        JsonNode node = schema;
        for (int hops = 0; hops < 32 && node != null && node.has("$ref"); hops++) {
            node = LocalRefs.resolve(node.get("$ref").asString(), document);
        }
        if (node == null || !node.isContainer() || depth >= MAX_INLINE_DEPTH) {
            return node;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(inline(element, depth + 1)));
            return copy;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            JsonNode inlined = inline(member.getValue(), depth + 1);
            if (inlined != null) {
                copy.set(member.getKey(), inlined);
            }
        }
        return copy;
    }

    private static String keyOf(Located parameter) {
        return parameter.node().path("in").asString("") + ":" + parameter.node().path("name").asString("");
    }

    private boolean bodyRequired(Located operation) {
        Located body = operation.child("requestBody");
        return body != null && follow(body.node(), body.pointer()).node().path("required").asBoolean(false);
    }

    private List<MediaContent> bodyContent(Located operation) {
        Located body = operation.child("requestBody");
        return body == null ? List.of() : content(follow(body.node(), body.pointer()));
    }

    private Map<String, List<MediaContent>> responses(Located operation) {
        Map<String, List<MediaContent>> responses = new LinkedHashMap<>();
        Located all = operation.child("responses");
        if (all == null) {
            return responses;
        }
        for (String code : all.node().propertyNames()) {
            Located response = follow(all.child(code).node(), all.child(code).pointer());
            responses.put(code.toUpperCase(Locale.ROOT).equals("DEFAULT") ? "default" : code.toUpperCase(Locale.ROOT),
                    content(response));
        }
        return responses;
    }

    private List<MediaContent> content(Located owner) {
        List<MediaContent> list = new ArrayList<>();
        Located content = owner.child("content");
        if (content == null) {
            return list;
        }
        for (String range : content.node().propertyNames()) {
            MediaType type = MediaType.parse(range);
            if (type == null) {
                throw new IllegalArgumentException("at " + content.pointer() + ": '" + range + "' is not a media type");
            }
            Located schema = content.child(range).child("schema");
            list.add(new MediaContent(type, schema != null && type.isJson() ? compile(schema) : null));
        }
        return list;
    }

    private SchemaCheck compile(Located schema) {
        Schema compiled = registry.getSchema(SchemaLocation.of(documentIri + "#" + fragment(schema.pointer())));
        return new SchemaCheck(compiled, schema.node(), document);
    }

    /** A JSON Pointer as a URI fragment: characters a fragment may not hold are percent-encoded (RFC 6901 §6). */
    private static String fragment(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0;
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
