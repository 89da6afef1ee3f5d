package dev.rampart.gateway.server;

import dev.rampart.core.config.RampartConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which changed config sections a reload cannot apply, because they are bound to sockets or files. */
final class RestartRequired {

    private RestartRequired() {
    }

    static List<String> between(RampartConfig running, RampartConfig next) {
        List<String> warnings = new ArrayList<>();
        check(warnings, "listeners", running.listeners(), next.listeners());
        check(warnings, "admin", running.admin(), next.admin());
        check(warnings, "store", running.store(), next.store());
        check(warnings, "events", running.events(), next.events());
        check(warnings, "access-log", running.accessLog(), next.accessLog());
        check(warnings, "limits", running.limits(), next.limits());
        // the authorization server holds signing keys and replay memory built at start
        check(warnings, "oauth2-server", running.oauth2Server(), next.oauth2Server());
        // ban durations and rules live in the ban list opened at start
        check(warnings, "bans", running.bans(), next.bans());
        // the master key and the rotation timer are taken at start
        check(warnings, "crypto", running.crypto(), next.crypto());
        // the audit log, its signing key, sinks and spool are opened at start
        check(warnings, "audit", running.audit(), next.audit());
        // the console's keys, lockout and session timeouts are built into ConsoleLogin at start
        check(warnings, "users", running.users(), next.users());
        check(warnings, "sessions", running.sessions(), next.sessions());
        // the detector's rules, buckets, SLA timer and webhook queue are built at start
        check(warnings, "detection", running.detection(), next.detection());
        return warnings;
    }

    private static void check(List<String> warnings, String section, Object running, Object next) {
        if (!Objects.equals(running, next)) {
            warnings.add("'" + section + "' changed; it takes effect after a restart (the running value stays in use)");
        }
    }
}
