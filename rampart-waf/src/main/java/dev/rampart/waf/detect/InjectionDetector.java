package dev.rampart.waf.detect;

import java.util.Optional;

/**
 * Decides whether a text is an injection attack for one interpreter (SQL, HTML/JavaScript), the
 * job libinjection does for ModSecurity's {@code @detectSQLi} and {@code @detectXSS}.
 */
public interface InjectionDetector {

    /**
     * The fingerprint of the attack found in {@code input} (a short token signature, safe to log
     * and used as {@code TX:0} by {@code capture}), or empty when the input reads as benign.
     */
    Optional<String> detect(String input);
}
