package dev.rampart.gateway.config;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.Durations;
import dev.rampart.core.config.RampartConfig;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Binds a checked config tree to the records of {@code dev.rampart.core.config}: keys in kebab
 * case ({@code max-body-size} is {@code maxBodySize}), durations and sizes in config syntax. The
 * same naming serves the published schema and the effective config, so the three always agree.
 */
final class ConfigMapper {

    private static final PropertyNamingStrategy NAMING = PropertyNamingStrategies.KEBAB_CASE;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(NAMING)
            .addModule(new SimpleModule("rampart-config")
                    .addDeserializer(Duration.class, new SyntaxDeserializer<>(Durations::parse))
                    .addDeserializer(DataSize.class, new SyntaxDeserializer<>(DataSize::parse)))
            .build();

    private ConfigMapper() {
    }

    /** The config key of a record component: {@code maxBodySize} is {@code max-body-size}. */
    static String keyOf(String componentName) {
        // The kebab-case strategy names every member from its Java name alone; it reads nothing else.
        return NAMING.nameForField(null, null, componentName);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Binds the tree, or records why not. The schema has already checked keys and types, so what
     * remains here is a value the records or parsers refuse (a number too large for its field, a
     * duration that overflows). Jackson stops at the first of those.
     */
    static RampartConfig bind(JsonNode tree, Findings findings) {
        try {
            return MAPPER.treeToValue(tree, RampartConfig.class);
        } catch (JacksonException e) {
            String path = "";
            for (JacksonException.Reference ref : e.getPath()) {
                path = ref.getPropertyName() != null ? SourceMap.child(path, ref.getPropertyName())
                        : SourceMap.element(path, ref.getIndex());
            }
            Throwable cause = e.getCause();
            findings.error(path, cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : e.getOriginalMessage());
            return null;
        }
    }

    /** Reads a string through a core parser whose exception message says what is allowed. */
    private static final class SyntaxDeserializer<T> extends ValueDeserializer<T> {
        private final Function<String, T> parser;

        SyntaxDeserializer(Function<String, T> parser) {
            this.parser = parser;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = p.getValueAsString();
            try {
                return parser.apply(text);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("'" + text + "' is too large", e);
            }
        }
    }
}
