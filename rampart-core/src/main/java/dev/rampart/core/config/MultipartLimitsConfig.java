package dev.rampart.core.config;

import java.util.List;

/** Limits on a multipart/form-data body, checked while it streams through. */
public record MultipartLimitsConfig(
        @Doc("Most parts in one body. Default 16.") Integer maxParts,
        @Doc("Largest single part. Larger: 413. Default 5MB.") DataSize maxPartSize,
        @Doc("Largest whole body. Larger: 413. Default 10MB.") DataSize maxSize,
        @Doc("File name extensions allowed for uploaded files, e.g. [png, jpg, pdf]; empty: any. Names "
                + "with path separators, '..', or control characters are always refused.")
        List<String> allowedExtensions) {

    public MultipartLimitsConfig {
        maxParts = maxParts == null ? 16 : maxParts;
        maxPartSize = maxPartSize == null ? DataSize.ofMegabytes(5) : maxPartSize;
        maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
        allowedExtensions = allowedExtensions == null ? List.of() : List.copyOf(allowedExtensions);
    }

    public static MultipartLimitsConfig defaults() {
        return new MultipartLimitsConfig(null, null, null, null);
    }
}
