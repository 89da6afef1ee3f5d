package dev.rampart.waf.operator;

import java.nio.file.Path;

/**
 * {@code @pmFromFile} (also {@code @pmf}): {@code @pm} with its phrases read from files, one per
 * line ({@code #} comments and blank lines skipped), named relative to the rule file's directory.
 * <pre>SecRule REQUEST_FILENAME "@pmFromFile restricted-files.data" "id:1,phase:1,deny"</pre>
 */
public final class PmFromFile {

    private PmFromFile() {
    }

    /** The {@code @pm} operator over the phrases of the files named in {@code argument}. */
    public static Pm create(String argument, Path rulesDirectory) {
        return new Pm(RuleDataFiles.entries(argument, rulesDirectory));
    }
}
