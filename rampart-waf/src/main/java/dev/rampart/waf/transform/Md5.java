package dev.rampart.waf.transform;

/**
 * {@code t:md5}: the 16-byte binary MD5 digest of the value (follow with {@code t:hexEncode}).
 * <pre>SecRule ARGS:file "@streq d41d8cd98f00b204e9800998ecf8427e" "id:1,phase:2,t:md5,t:hexEncode,pass"</pre>
 */
public final class Md5 implements Transformation {

    @Override
    public String apply(String value) {
        return MessageDigests.digest("MD5", value);
    }
}
