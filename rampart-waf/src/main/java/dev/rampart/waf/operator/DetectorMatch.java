package dev.rampart.waf.operator;

import java.util.Optional;

/** How {@code @detectSQLi} and {@code @detectXSS} report a finding: a match, and its fingerprint as capture 0. */
final class DetectorMatch {

    private DetectorMatch() {
    }

    static boolean record(Optional<String> fingerprint, MatchContext context) {
        if (fingerprint.isEmpty()) {
            return false;
        }
        if (context.capturing()) {
            context.capture(0, fingerprint.get());
        }
        return true;
    }
}
