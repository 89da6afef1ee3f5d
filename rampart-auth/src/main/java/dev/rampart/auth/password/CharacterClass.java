package dev.rampart.auth.password;

/** A class of characters a {@link PasswordPolicy} can require, judged per Unicode code point. */
public enum CharacterClass {
    LOWERCASE("a lowercase letter"),
    UPPERCASE("an uppercase letter"),
    DIGIT("a digit"),
    /** Anything that is not a letter or a digit: punctuation, symbols, spaces. */
    SYMBOL("a symbol or punctuation character");

    private final String description;

    CharacterClass(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean contains(int codePoint) {
        return switch (this) {
            case LOWERCASE -> Character.isLowerCase(codePoint);
            case UPPERCASE -> Character.isUpperCase(codePoint);
            case DIGIT -> Character.isDigit(codePoint);
            case SYMBOL -> !Character.isLetterOrDigit(codePoint);
        };
    }
}
