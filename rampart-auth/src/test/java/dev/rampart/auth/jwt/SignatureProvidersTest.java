package dev.rampart.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignatureProvidersTest {

    @Test
    void verifiesWithConscryptWhereItShipsNativeCode() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && Set.of("amd64", "x86_64", "aarch64").contains(arch),
                "Conscrypt ships native code for Linux x86-64/aarch64 (and Windows x86-64); here: " + os + " " + arch);
        assertThat(SignatureProviders.forVerification().getName()).isEqualTo("Conscrypt");
    }
}
