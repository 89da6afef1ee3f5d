package dev.rampart.waf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Rampart's built-in rule pack (resources {@code rules/rampart-*.conf}, rule ids 7100000–7100999):
 * SQL injection ({@code @detectSQLi}), XSS ({@code @detectXSS}), path traversal, OS command
 * injection, scanner user agents and protocol anomalies, with CRS-style anomaly scoring, so that a
 * deployment without the Core Rule Set is still protected. It honours the paranoia level and the
 * inbound threshold of {@link WafSettings} (the same TX variables CRS reads).
 */
public final class RampartRulePack {

    /** The pack's files, in load order. */
    public static final List<String> FILES = List.of(
            "rampart-00-setup.conf",
            "rampart-10-protocol.conf",
            "rampart-20-scanners.conf",
            "rampart-30-path-traversal.conf",
            "rampart-40-command-injection.conf",
            "rampart-50-sql-injection.conf",
            "rampart-60-xss.conf",
            "rampart-70-paranoia-2.conf",
            "rampart-90-blocking.conf");

    private RampartRulePack() {
    }

    /** The pack as one SecLang text, its files in order (ISO-8859-1, as rule files are read). */
    public static String text() {
        StringBuilder text = new StringBuilder();
        for (String file : FILES) {
            String resource = "/rules/" + file;
            try (InputStream in = RampartRulePack.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("rule pack resource " + resource + " is missing from the rampart-waf jar");
                }
                text.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rule pack resource " + resource, e);
            }
        }
        return text.toString();
    }

    /** The pack loaded with {@code settings}. */
    public static WafRules load(WafSettings settings) {
        return WafRules.parse(text(), Path.of("").toAbsolutePath(), settings);
    }
}
