package dev.rampart.detect.pii;

import dev.rampart.detect.pii.internal.ScanEngine;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds sensitive data in text: a configured set of {@link PiiType}s, reported at or above a
 * {@link Confidence}. One left-to-right pass with cheap checks per character and no regular
 * expression, so the time is linear in the text whatever it holds. Immutable and thread-safe.
 *
 * <pre>{@code
 * PiiScanner scanner = PiiScanner.builder().types(EnumSet.of(PiiType.CARD, PiiType.EMAIL)).build();
 * List<PiiFinding> found = scanner.scan("card 4111 1111 1111 1111, mail jane@example.com");
 * }</pre>
 */
public final class PiiScanner {

    private final Set<PiiType> types;
    private final Confidence minConfidence;
    private final String phoneRegion;
    private final ScanEngine engine;

    private PiiScanner(Set<PiiType> types, Confidence minConfidence, String phoneRegion) {
        this.types = Set.copyOf(types);
        this.minConfidence = minConfidence;
        this.phoneRegion = phoneRegion;
        this.engine = new ScanEngine(types, minConfidence, phoneRegion);
    }

    /** Every type, at {@link Confidence#MEDIUM} or above, phone numbers without '+' read as US numbers. */
    public static PiiScanner defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The findings in {@code text}, sorted by position, not overlapping. */
    public List<PiiFinding> scan(CharSequence text) {
        return engine.scan(text);
    }

    /**
     * The text of a body in {@code charset}, or empty when the bytes are not valid in it (a masked body
     * must re-encode to the same bytes everywhere but the masked values, so nothing is guessed).
     */
    public static Optional<String> decode(byte[] body, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    public Set<PiiType> types() {
        return types;
    }

    public Confidence minConfidence() {
        return minConfidence;
    }

    public String phoneRegion() {
        return phoneRegion;
    }

    /** Options of a scanner; every one has a default. */
    public static final class Builder {
        private Set<PiiType> types = EnumSet.allOf(PiiType.class);
        private Confidence minConfidence = Confidence.MEDIUM;
        private String phoneRegion = "US";

        private Builder() {
        }

        /** The types to look for. Default: all. */
        public Builder types(Set<PiiType> types) {
            this.types = EnumSet.noneOf(PiiType.class);
            this.types.addAll(types);
            return this;
        }

        /** The lowest confidence reported. Default {@link Confidence#MEDIUM}. */
        public Builder minConfidence(Confidence minConfidence) {
            this.minConfidence = Objects.requireNonNull(minConfidence, "minConfidence");
            return this;
        }

        /**
         * The ISO 3166 region whose numbering plan reads phone numbers written without '+'. Default
         * {@code US}.
         */
        public Builder phoneRegion(String region) {
            this.phoneRegion = Objects.requireNonNull(region, "region");
            return this;
        }

        public PiiScanner build() {
            return new PiiScanner(types, minConfidence, phoneRegion);
        }
    }
}
