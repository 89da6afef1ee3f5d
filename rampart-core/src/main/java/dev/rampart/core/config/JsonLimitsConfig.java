package dev.rampart.core.config;

/**
 * Limits on a JSON body, checked while it streams in and before any schema, so that a JSON bomb
 * (deep nesting, huge arrays or strings, many keys, duplicate keys) is refused without being held
 * in memory.
 */
public record JsonLimitsConfig(
        @Doc("Deepest nesting of objects and arrays. Default 32.") Integer maxDepth,
        @Doc("Most keys in one object. Default 256.") Integer maxKeysPerObject,
        @Doc("Most items in one array. Default 10000.") Integer maxArrayLength,
        @Doc("Longest string value or key, in characters. Default 64KB.") DataSize maxStringLength,
        @Doc("Largest JSON body. Larger: 413. Default 1MB.") DataSize maxSize) {

    public JsonLimitsConfig {
        maxDepth = maxDepth == null ? 32 : maxDepth;
        maxKeysPerObject = maxKeysPerObject == null ? 256 : maxKeysPerObject;
        maxArrayLength = maxArrayLength == null ? 10_000 : maxArrayLength;
        maxStringLength = maxStringLength == null ? DataSize.ofKilobytes(64) : maxStringLength;
        maxSize = maxSize == null ? DataSize.ofMegabytes(1) : maxSize;
    }

    public static JsonLimitsConfig defaults() {
        return new JsonLimitsConfig(null, null, null, null, null);
    }
}
