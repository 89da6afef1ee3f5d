package dev.rampart.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiScannerTest {

    private static final PiiScanner ALL_LOW = PiiScanner.builder().minConfidence(Confidence.LOW).build();
    private static final PiiScanner DEFAULTS = PiiScanner.defaults();

    private static List<String> found(PiiScanner scanner, String text) {
        return scanner.scan(text).stream().map(f -> f.type().configName() + ":" + f.valueIn(text)).toList();
    }

    private static PiiFinding only(String text) {
        List<PiiFinding> found = ALL_LOW.scan(text);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    // ---- cards

    @Test
    void findsCardNumbersWholeSpacedAndDashedWithTheirBrand() {
        assertThat(only("4111111111111111").kind()).isEqualTo("visa");
        assertThat(only("pay 5555-5555-5555-4444 now").kind()).isEqualTo("mastercard");
        assertThat(only("3782 822463 10005").kind()).isEqualTo("amex");
        assertThat(only("6011111111111117").kind()).isEqualTo("discover");
        assertThat(only("3530111333300000").kind()).isEqualTo("jcb");
        assertThat(only("2223003122003222").confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void rejectsNumbersThatFailLuhnOrAreTooLongOrGlued() {
        assertThat(found(ALL_LOW, "order 4111111111111112")).isEmpty();
        assertThat(found(ALL_LOW, "id 41111111111111111111111")).isEmpty();
        assertThat(found(ALL_LOW, "x4111111111111111")).isEmpty();
        assertThat(found(ALL_LOW, "4111111111111111.25")).isEmpty();
        assertThat(found(ALL_LOW, "0000000000000000")).isEmpty();
        assertThat(found(ALL_LOW, "4111 11 1111 1111 1111")).isEmpty();
    }

    @Test
    void gradesALuhnValidNumberOfNoKnownRangeLowAndAnOddLengthMedium() {
        assertThat(only("9999999999999995").confidence()).isEqualTo(Confidence.LOW);
        assertThat(found(DEFAULTS, "9999999999999995")).isEmpty();
        assertThat(only("5105105105105100").confidence()).isEqualTo(Confidence.HIGH);
        assertThat(only("51051051051051005").confidence()).isEqualTo(Confidence.MEDIUM);   // mastercard is 16 digits
    }

    // ---- IBAN

    @Test
    void findsIbansCompactAndInGroupsOfFour() {
        assertThat(found(DEFAULTS, "DE89370400440532013000")).containsExactly("iban:DE89370400440532013000");
        assertThat(found(DEFAULTS, "to GB82 WEST 1234 5698 7654 32.")).containsExactly("iban:GB82 WEST 1234 5698 7654 32");
        assertThat(found(DEFAULTS, "NO9386011117947")).containsExactly("iban:NO9386011117947");
    }

    @Test
    void rejectsIbansWithAWrongCheckOrLengthOrCountry() {
        assertThat(found(ALL_LOW, "DE88370400440532013000")).isEmpty();
        assertThat(found(ALL_LOW, "DE8937040044053201300")).isEmpty();
        assertThat(found(ALL_LOW, "DE893704004405320130001")).isEmpty();
        assertThat(found(ALL_LOW, "ZZ89370400440532013000")).isEmpty();
    }

    // ---- SSN

    @Test
    void findsDashedSsnsAndRaisesThemAfterACue() {
        assertThat(only("id 536-22-1234").confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(only("SSN: 536-22-1234").confidence()).isEqualTo(Confidence.HIGH);
        assertThat(only("social security number 536221234").confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(found(ALL_LOW, "batch 536221234")).noneMatch(s -> s.startsWith("ssn"));
    }

    @Test
    void rejectsSsnsTheSsaNeverIssuesAndFamousOnes() {
        for (String ssn : List.of("000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567",
                "123-45-0000", "078-05-1120", "219-09-9999", "457-55-5462", "123-45-6789")) {
            assertThat(found(ALL_LOW, "SSN " + ssn)).as(ssn).noneMatch(s -> s.startsWith("ssn"));
        }
    }

    // ---- e-mail

    @Test
    void findsEmailAddressesAndNotImageNamesOrHandles() {
        assertThat(found(DEFAULTS, "<jane.doe+tag@mail.example.co.uk>")).containsExactly("email:jane.doe+tag@mail.example.co.uk");
        assertThat(found(DEFAULTS, "\"a@example.com\",\"b@example.org\""))
                .containsExactly("email:a@example.com", "email:b@example.org");
        assertThat(found(DEFAULTS, "end with .x@example.com.")).containsExactly("email:x@example.com");
        assertThat(found(ALL_LOW, "icon@2x.png @handle user@localhost a@b x@-y.com")).isEmpty();
    }

    // ---- phone

    @Test
    void gradesPhoneNumbersByHowTheyAreWritten() {
        assertThat(only("+1 415-555-2671").confidence()).isEqualTo(Confidence.HIGH);
        assertThat(only("+44 20 7946 0958").kind()).isEqualTo("+44");
        assertThat(only("(415) 555-2671").confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(only("415.555.2671").confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(only("4155552671").confidence()).isEqualTo(Confidence.LOW);
        assertThat(found(DEFAULTS, "4155552671")).isEmpty();
    }

    @Test
    void readsNationalNumbersInTheConfiguredRegion() {
        PiiScanner germany = PiiScanner.builder().types(EnumSet.of(PiiType.PHONE)).phoneRegion("DE").build();
        assertThat(found(germany, "Tel. 030 901820")).containsExactly("phone:030 901820");
        assertThat(found(DEFAULTS, "Tel. 030 901820")).isEmpty();
    }

    @Test
    void leavesTimestampsDatesAndInvalidNumbersAlone() {
        assertThat(found(ALL_LOW, "at 1700000000 on 2024-01-15 or 12/03/2024, +1 123 456 7890")).isEmpty();
    }

    // ---- IP

    @Test
    void findsIpv4AndIpv6AddressesAndNotVersionsOrTimes() {
        assertThat(found(DEFAULTS, "from 203.0.113.77:443")).containsExactly("ip:203.0.113.77");
        assertThat(found(DEFAULTS, "peer 2001:db8:85a3::8a2e:370:7334.")).containsExactly("ip:2001:db8:85a3::8a2e:370:7334");
        assertThat(found(ALL_LOW, "version 10.2.3.4, v1.2.3.4, 1.2.3.4.5, 256.1.1.1, 01.2.3.4, 12:30:45, "
                + "00:1A:2B:3C:4D:5E, std::vector")).isEmpty();
        assertThat(only("::1").confidence()).isEqualTo(Confidence.LOW);
        assertThat(only("1.2.3.4").confidence()).isEqualTo(Confidence.LOW);
    }

    // ---- secrets and JWTs

    @Test
    void findsVendorTokensWithTheirExactShape() {
        assertThat(found(DEFAULTS, "AKIAIOSFODNN7EXAMPLE")).containsExactly("secret:AKIAIOSFODNN7EXAMPLE");
        assertThat(found(DEFAULTS, "AKIAIOSFODNN7EXAMPLEX AKIAIOSFODNN7EXAMPL")).isEmpty();
        String ghp = "ghp_" + "a1".repeat(18);
        assertThat(found(DEFAULTS, "t=" + ghp)).containsExactly("secret:" + ghp);
        assertThat(found(DEFAULTS, "t=" + ghp + "x")).isEmpty();
        assertThat(found(DEFAULTS, "xoxb-123456789012-abcdefghij")).hasSize(1);
        assertThat(found(DEFAULTS, "sk_live_4eC39HqLyjWDarjtT1zdp7dc pk_live_4eC39HqLyjWDarjtT1zdp7dc"))
                .containsExactly("secret:sk_live_4eC39HqLyjWDarjtT1zdp7dc");
    }

    @Test
    void checksTheChecksumOfRampartApiKeys() {
        // made with rampart-auth's format: rmp_ + 12 base62 id + '_' + 43 base62 secret + 6 base62 CRC32
        String body = "rmp_AbCdEfGhIjKl_" + "x".repeat(43);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] cs = new char[6];
        for (int i = 5; i >= 0; i--) {
            cs[i] = alphabet.charAt((int) (v % 62));
            v /= 62;
        }
        String key = body + new String(cs);
        assertThat(only(key).confidence()).isEqualTo(Confidence.HIGH);
        String broken = body + (cs[0] == 'A' ? "B" : "A") + new String(cs, 1, 5);
        assertThat(only(broken).confidence()).isEqualTo(Confidence.LOW);
        assertThat(PiiMasker.maskValue(PiiType.SECRET, key)).isEqualTo("rmp_AbCdEfGhIjKl_********");
    }

    @Test
    void findsJwtsOnlyWhenTheHeaderIsJsonWithAlg() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assertThat(found(DEFAULTS, "Bearer " + jwt)).containsExactly("jwt:" + jwt);
        String unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
        assertThat(found(DEFAULTS, unsigned)).containsExactly("jwt:" + unsigned);
        assertThat(found(ALL_LOW, "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2ln")).isEmpty();   // no alg
        assertThat(found(ALL_LOW, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0")).isEmpty();      // two parts
        assertThat(found(ALL_LOW, "eyJub3Rqc29u.eyJzdWIiOiJ4In0.c2ln")).isEmpty();         // header not JSON
    }

    // ---- scanning as a whole

    @Test
    void scansOnlyTheConfiguredTypes() {
        PiiScanner cards = PiiScanner.builder().types(EnumSet.of(PiiType.CARD)).build();
        assertThat(found(cards, "jane@example.com 4111111111111111 10.0.0.1")).containsExactly("card:4111111111111111");
    }

    @Test
    void keepsTheLongerOfOverlappingFindings() {
        assertThat(found(DEFAULTS, "4155552671@txt.example.com")).containsExactly("email:4155552671@txt.example.com");
    }

    @Test
    void runsInLinearTimeOnPathologicalInput() {
        // long runs that start many candidates: digits with separators, '@'s, colons, prefixes
        String text = "1-".repeat(50_000) + "@.".repeat(50_000) + "a:".repeat(50_000) + "eyJ.".repeat(20_000)
                + "AKIA".repeat(20_000);
        assertThat(DEFAULTS.scan(text)).isEmpty();
    }

    @Test
    void decodesOnlyValidText() {
        assertThat(PiiScanner.decode("é@example.com".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("é@example.com");
        assertThat(PiiScanner.decode(new byte[] {(byte) 0xC3, (byte) 0x28}, StandardCharsets.UTF_8)).isEmpty();
    }
}
