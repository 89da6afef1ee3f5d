package dev.rampart.waf.seclang;

/**
 * A rule set that cannot be loaded: names the file and line of the offending directive and what was
 * expected there.
 */
public final class SecLangException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public SecLangException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public SecLangException(String file, int line, String message, Throwable cause) {
        super(file + ":" + line + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file the directive is in ({@code <inline>} for rules given as text). */
    public String file() {
        return file;
    }

    /** The line the directive starts on, 1-based. */
    public int line() {
        return line;
    }
}
