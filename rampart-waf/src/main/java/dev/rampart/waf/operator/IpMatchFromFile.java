package dev.rampart.waf.operator;

import java.nio.file.Path;

/**
 * {@code @ipMatchFromFile} (also {@code @ipMatchF}): {@code @ipMatch} with its addresses and CIDR
 * blocks read from files, one per line ({@code #} comments and blank lines skipped), named
 * relative to the rule file's directory.
 * <pre>SecRule REMOTE_ADDR "@ipMatchFromFile trusted-proxies.data" "id:1,phase:1,pass,nolog"</pre>
 */
public final class IpMatchFromFile {

    private IpMatchFromFile() {
    }

    /** The {@code @ipMatch} operator over the blocks of the files named in {@code argument}. */
    public static IpMatch create(String argument, Path rulesDirectory) {
        return new IpMatch(RuleDataFiles.entries(argument, rulesDirectory));
    }
}
