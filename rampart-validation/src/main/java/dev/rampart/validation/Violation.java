package dev.rampart.validation;

import java.util.Objects;

/**
 * One thing wrong with a request (or a response), told so a client can fix it: where it is, which
 * rule it breaks and what the rule expects. The rejected value itself is never kept here, so it can
 * never be echoed back.
 *
 * @param in which part of the message: path, query, header, cookie, body, request (method, path or
 *     media type as a whole), or response
 * @param name the parameter, header or cookie name; null for the body
 * @param pointer JSON Pointer (RFC 6901) inside the body or inside an array or object parameter;
 *     empty for the whole value
 * @param rule the rule broken: a JSON Schema keyword ({@code maxLength}, {@code enum}, ...) or a
 *     Rampart limit ({@code max-depth}, {@code content-type}, {@code dtd}, ...)
 * @param expected what the rule allows, e.g. {@code 100}, {@code [pending, shipped]}, {@code application/json}
 * @param detail a sentence for humans, built from the rule and the expectation only
 */
public record Violation(In in, String name, String pointer, String rule, String expected, String detail) {

    /** The part of an HTTP message a violation is in. */
    public enum In {
        path,
        query,
        header,
        cookie,
        body,
        request,
        response
    }

    public Violation {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(rule, "rule");
        pointer = pointer == null ? "" : pointer;
        expected = expected == null ? "" : expected;
        detail = detail == null ? "" : detail;
    }

    /** A violation of a named parameter, header or cookie as a whole. */
    public static Violation parameter(In in, String name, String rule, String expected, String detail) {
        return new Violation(in, name, "", rule, expected, detail);
    }

    /** A violation at {@code pointer} inside the request body. */
    public static Violation body(String pointer, String rule, String expected, String detail) {
        return new Violation(In.body, null, pointer, rule, expected, detail);
    }

    /** Where the violation is, for logs and events: {@code query limit}, {@code body /items/0/qty}. */
    public String location() {
        StringBuilder sb = new StringBuilder(in.name());
        if (name != null) {
            sb.append(' ').append(name);
        }
        if (!pointer.isEmpty()) {
            sb.append(name == null ? " " : "").append(pointer);
        }
        return sb.toString();
    }
}
