package dev.rampart.validation.operation;

import dev.rampart.validation.body.MediaType;
import dev.rampart.validation.schema.SchemaCheck;

/**
 * A media type range a body may have, and the schema of that body (null when none is declared
 * or the type is not JSON).
 */
public record MediaContent(MediaType range, SchemaCheck schema) {
}
