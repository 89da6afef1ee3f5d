package dev.rampart.core.config;

/**
 * Limits on an XML body. Document type declarations are refused outright, which stops external
 * entities (XXE) and entity expansion (billion laughs) before they can be resolved.
 */
public record XmlLimitsConfig(
        @Doc("Deepest element nesting. Default 32.") Integer maxDepth,
        @Doc("Most elements in the document. Default 10000.") Integer maxElements,
        @Doc("Most attributes on one element. Default 64.") Integer maxAttributes,
        @Doc("Longest text content of one element or attribute value. Default 64KB.") DataSize maxTextLength,
        @Doc("Largest XML body. Larger: 413. Default 1MB.") DataSize maxSize) {

    public XmlLimitsConfig {
        maxDepth = maxDepth == null ? 32 : maxDepth;
        maxElements = maxElements == null ? 10_000 : maxElements;
        maxAttributes = maxAttributes == null ? 64 : maxAttributes;
        maxTextLength = maxTextLength == null ? DataSize.ofKilobytes(64) : maxTextLength;
        maxSize = maxSize == null ? DataSize.ofMegabytes(1) : maxSize;
    }

    public static XmlLimitsConfig defaults() {
        return new XmlLimitsConfig(null, null, null, null, null);
    }
}
