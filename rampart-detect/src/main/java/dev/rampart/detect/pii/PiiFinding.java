package dev.rampart.detect.pii;

import java.util.Objects;

/**
 * One piece of sensitive data found in a text: its type, where it is ({@code [start, end)} in UTF-16
 * chars of the scanned text), how sure the detector is, and a finer kind (the card brand, the
 * token vendor, {@code ipv4}/{@code ipv6}, ...). A finding never holds the value itself.
 */
public record PiiFinding(PiiType type, int start, int end, Confidence confidence, String kind) {

    public PiiFinding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a finding spans [start, end) with 0 <= start < end");
        }
    }

    /** The found text in {@code text}, the text that was scanned. */
    public String valueIn(CharSequence text) {
        return text.subSequence(start, end).toString();
    }
}
