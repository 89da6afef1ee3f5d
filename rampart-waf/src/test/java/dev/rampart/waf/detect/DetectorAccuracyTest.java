package dev.rampart.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * True- and false-positive rates of the detectors on the labelled datasets. The floors and
 * ceilings are the measured figures rounded so that a regression fails the build (TPR at least
 * the measured rate minus one point, FPR at most the measured rate plus half a point); the issue's
 * targets are TPR ≥ 95% and FPR ≤ 1%.
 */
class DetectorAccuracyTest {

    private static final List<String> BENIGN = LabelledPayloads.load(LabelledPayloads.BENIGN);

    @Test
    void sqlInjectionDetectorFindsAttacksAndPassesEverydayText() {
        double tpr = measure(new SqlInjectionDetector(), LabelledPayloads.SQL_INJECTION);
        double fpr = falsePositiveRate(new SqlInjectionDetector());

        assertThat(tpr).as("SQLi true-positive rate").isGreaterThanOrEqualTo(0.99);
        assertThat(fpr).as("SQLi false-positive rate").isLessThanOrEqualTo(0.0066);
    }

    @Test
    void xssDetectorFindsAttacksAndPassesEverydayText() {
        double tpr = measure(new XssDetector(), LabelledPayloads.CROSS_SITE_SCRIPTING);
        double fpr = falsePositiveRate(new XssDetector());

        assertThat(tpr).as("XSS true-positive rate").isGreaterThanOrEqualTo(0.99);
        assertThat(fpr).as("XSS false-positive rate").isLessThanOrEqualTo(0.0081);
    }

    @Test
    void datasetsHoldSeveralHundredPayloadsEach() {
        assertThat(LabelledPayloads.load(LabelledPayloads.SQL_INJECTION)).hasSizeGreaterThanOrEqualTo(300).doesNotHaveDuplicates();
        assertThat(LabelledPayloads.load(LabelledPayloads.CROSS_SITE_SCRIPTING)).hasSizeGreaterThanOrEqualTo(300).doesNotHaveDuplicates();
        assertThat(BENIGN).hasSizeGreaterThanOrEqualTo(300).doesNotHaveDuplicates();
    }

    private static double measure(InjectionDetector detector, String attacks) {
        List<String> payloads = LabelledPayloads.load(attacks);
        double tpr = LabelledPayloads.detectionRate(detector, payloads, true, attacks);
        System.out.printf("%s: true-positive rate %.2f%% of %d attacks%n", detector.getClass().getSimpleName(),
                100 * tpr, payloads.size());
        return tpr;
    }

    private static double falsePositiveRate(InjectionDetector detector) {
        double fpr = LabelledPayloads.detectionRate(detector, BENIGN, false, LabelledPayloads.BENIGN);
        System.out.printf("%s: false-positive rate %.2f%% of %d benign texts%n", detector.getClass().getSimpleName(),
                100 * fpr, BENIGN.size());
        return fpr;
    }
}
