package dev.rampart.crypto;

/**
 * The result of one batch item, in input order: a value, or the error for this item alone.
 *
 * @param reference the item's reference as given
 * @param value the result; null when {@code error} is set
 * @param error why this item failed; null on success
 */
public record BatchResult<T>(String reference, T value, CryptoException error) {

    public boolean succeeded() {
        return error == null;
    }
}
