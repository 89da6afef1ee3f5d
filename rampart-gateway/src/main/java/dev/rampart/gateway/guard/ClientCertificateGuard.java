package dev.rampart.gateway.guard;

import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.ClientCertificateAuthConfig;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Mutual TLS on a route ({@code authentication.client-certificate}): the TLS listener has verified
 * the client's chain against its {@code client-ca} in the handshake; this guard names the caller
 * from the leaf certificate (subject CN or DN, or the first DNS, URI or e-mail subject alternative
 * name) and sets the principal (type SERVICE, authenticator {@code mtls}, attributes: subject,
 * issuer, serial, SHA-256 fingerprint). It runs before the route's token and key authenticators: a
 * bearer token or API key sent as well names the caller instead, the certificate then only
 * securing the channel.
 *
 * <p>Without a verified certificate: 401 {@code client-certificate-required} when required,
 * otherwise the request goes on to the other authenticators. A certificate that has no identity
 * of the configured kind is 401 {@code invalid-client-certificate}. Both emit
 * {@code authentication.failed}.
 */
public final class ClientCertificateGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "client-certificate";
    /** The {@link Principal#authenticator()} of callers named by a certificate. */
    public static final String AUTHENTICATOR = "mtls";

    /** RFC 9110 §11.6.1: a 401 names a scheme; this one says a TLS client certificate is what is missing. */
    private static final String CHALLENGE = "ClientCertificate realm=\"rampart\"";
    // RFC 5280 §4.2.1.6 GeneralName tags
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private final boolean required;
    private final String identitySource;
    private final Set<String> roles;

    private ClientCertificateGuard(ClientCertificateAuthConfig config) {
        this.required = config.required();
        this.identitySource = config.principal();
        this.roles = Set.copyOf(config.roles());
    }

    /** @throws IllegalArgumentException when {@code principal} is not one of the identity sources */
    public static ClientCertificateGuard from(ClientCertificateAuthConfig config) {
        if (!ClientCertificateAuthConfig.IDENTITY_SOURCES.contains(config.principal())) {
            throw new IllegalArgumentException("'" + config.principal() + "' is not an identity source; allowed: "
                    + String.join(", ", ClientCertificateAuthConfig.IDENTITY_SOURCES));
        }
        return new ClientCertificateGuard(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        List<X509Certificate> chain = exchange.request().clientCertificates();
        if (chain.isEmpty()) {
            if (!required) {
                return Decision.proceedStage();
            }
            exchange.emit(NAME, "authentication.failed", SecurityEvent.Severity.LOW, "client-certificate-required",
                    Map.of());
            return Decision.deny(401, "client-certificate-required",
                    "This API needs a TLS client certificate issued by a CA the gateway trusts.")
                    .withHeader("WWW-Authenticate", CHALLENGE).toStage();
        }
        X509Certificate leaf = chain.get(0);
        String id = identity(leaf);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("subject", leaf.getSubjectX500Principal().getName());
        attributes.put("issuer", leaf.getIssuerX500Principal().getName());
        attributes.put("serial", leaf.getSerialNumber().toString(16));
        attributes.put("fingerprint_sha256", fingerprint(leaf));
        if (id == null) {
            exchange.emit(NAME, "authentication.failed", SecurityEvent.Severity.MEDIUM, "invalid-client-certificate",
                    Map.of("fingerprint_sha256", (String) attributes.get("fingerprint_sha256"),
                            "missing", identitySource));
            return Decision.deny(401, "invalid-client-certificate",
                    "The client certificate has no " + identitySource + " to name the caller by.")
                    .withHeader("WWW-Authenticate", CHALLENGE).toStage();
        }
        exchange.setPrincipal(new Principal(id, Principal.Type.SERVICE, AUTHENTICATOR, roles, Set.of(), attributes));
        return Decision.proceedStage();
    }

    private String identity(X509Certificate cert) {
        return switch (identitySource) {
            case "subject-dn" -> cert.getSubjectX500Principal().getName();
            case "san-dns" -> subjectAltName(cert, SAN_DNS);
            case "san-uri" -> subjectAltName(cert, SAN_URI);
            case "san-email" -> subjectAltName(cert, SAN_EMAIL);
            default -> commonName(cert);
        };
    }

    private static String commonName(X509Certificate cert) {
        try {
            List<Rdn> rdns = new LdapName(cert.getSubjectX500Principal().getName()).getRdns();
            // LdapName lists RDNs from the last to the first: the most specific CN is last in the list
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    String cn = rdns.get(i).getValue().toString();
                    return cn.isBlank() ? null : cn;
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    private static String subjectAltName(X509Certificate cert, int type) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) {
                return null;
            }
            for (List<?> name : names) {
                if (name.size() >= 2 && name.get(0) instanceof Integer t && t == type && name.get(1) instanceof String v) {
                    return v;
                }
            }
            return null;
        } catch (CertificateParsingException e) {
            return null;
        }
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a verified certificate", e);
        }
    }
}
