package dev.rampart.crypto;

/**
 * One input of a batch operation.
 *
 * @param reference the caller's label for the item, echoed in its result (may be null)
 * @param input plaintext bytes (encrypt) or ciphertext text (decrypt, rewrap)
 * @param associatedData authenticated but not encrypted context; null for none
 */
public record BatchItem<I>(String reference, I input, byte[] associatedData) {}
