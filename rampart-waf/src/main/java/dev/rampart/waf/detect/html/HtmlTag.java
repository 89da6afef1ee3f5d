package dev.rampart.waf.detect.html;

import java.util.List;

/**
 * A start tag read from the input. {@code name} is lower case, or {@code null} for the
 * application's own tag that an attribute-value context breaks out into (its name is unknown).
 * {@code content} is the raw text of a {@code <style>} element, else empty.
 */
public record HtmlTag(String name, List<HtmlAttribute> attributes, String content) {

    public boolean openedByInput() {
        return name != null;
    }
}
