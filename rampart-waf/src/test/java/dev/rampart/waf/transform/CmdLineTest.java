package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CmdLineTest {

    private final CmdLine cmdLine = new CmdLine();

    @Test
    void deletesQuotingCharacters() {
        assertThat(cmdLine.apply("c^a\"t /e't'c/pa\\ss\\wd")).isEqualTo("cat/etc/passwd");
    }

    @Test
    void collapsesSeparatorsIntoOneSpace() {
        assertThat(cmdLine.apply("ls,;\t\r\n  -la")).isEqualTo("ls -la");
        assertThat(cmdLine.apply("a;b")).isEqualTo("a b");
    }

    @Test
    void dropsSpaceBeforeSlashAndParenthesis() {
        assertThat(cmdLine.apply("cat   /etc/passwd")).isEqualTo("cat/etc/passwd");
        assertThat(cmdLine.apply("system ('id')")).isEqualTo("system(id)");
    }

    @Test
    void lowercasesAsciiOnly() {
        assertThat(cmdLine.apply("CMD.EXE /C DIR")).isEqualTo("cmd.exe/c dir");
        assertThat(cmdLine.apply("\u00c9")).isEqualTo("\u00c9");
    }

    @Test
    void keepsLeadingSpace() {
        assertThat(cmdLine.apply("  id")).isEqualTo(" id");
    }
}
