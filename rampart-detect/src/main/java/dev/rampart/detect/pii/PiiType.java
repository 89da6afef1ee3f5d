package dev.rampart.detect.pii;

import java.util.Locale;

/** The kinds of sensitive data the scanner finds; {@link #configName()} is the name used in config. */
public enum PiiType {
    /** Payment card number (PAN): 13–19 digits, Luhn-valid. */
    CARD,
    /** International bank account number (ISO 13616), mod-97 valid. */
    IBAN,
    /** US social security number outside the ranges the SSA never issues. */
    SSN,
    /** E-mail address. */
    EMAIL,
    /** Telephone number valid in its numbering plan (libphonenumber metadata). */
    PHONE,
    /** IPv4 or IPv6 address. */
    IP,
    /** API key or access token of a known format (Rampart {@code rmp_}, AWS, GitHub, Slack, Stripe). */
    SECRET,
    /** JSON Web Token (compact JWS: three base64url parts whose header is JSON with {@code alg}). */
    JWT;

    /** The lower-case name used in config and event details, e.g. {@code card}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code name} in config (case-insensitive). */
    public static PiiType ofConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
