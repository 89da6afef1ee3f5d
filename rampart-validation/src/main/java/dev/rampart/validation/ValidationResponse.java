package dev.rampart.validation;

/**
 * An upstream response as response validation sees it.
 *
 * @param status the status code
 * @param contentType the Content-Type header, or null
 * @param body the body bytes (possibly empty), or null when not read
 */
public record ValidationResponse(int status, String contentType, byte[] body) {
}
