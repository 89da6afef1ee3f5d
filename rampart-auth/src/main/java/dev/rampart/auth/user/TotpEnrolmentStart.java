package dev.rampart.auth.user;

/**
 * What the console shows once when a user starts TOTP enrolment: the {@code otpauth://} URI, the
 * same as a QR code PNG, and the base32 secret for typing in by hand. TOTP is not required at login
 * until {@link Users#confirmTotp} has seen a first valid code.
 */
public record TotpEnrolmentStart(String otpauthUri, byte[] qrCodePng, String manualEntrySecret) {

    /** The secret never reaches a log through this record. */
    @Override
    public String toString() {
        return "TotpEnrolmentStart[qrCodePng=" + qrCodePng.length + " bytes]";
    }
}
