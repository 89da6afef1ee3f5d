package dev.rampart.waf.transform;

/**
 * {@code t:sha1}: the 20-byte binary SHA-1 digest of the value (follow with {@code t:hexEncode}
 * to compare it with a hex string).
 * <pre>SecRule REQUEST_COOKIES:session "@streq 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12" "id:1,phase:1,t:sha1,t:hexEncode,pass"</pre>
 */
public final class Sha1 implements Transformation {

    @Override
    public String apply(String value) {
        return MessageDigests.digest("SHA-1", value);
    }
}
