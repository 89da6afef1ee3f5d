package dev.rampart.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.rampart.crypto.CryptoException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Detached Ed25519 signatures over a manifest of files: how plugins and components are checked
 * before loading. The signature file is text:
 *
 * <pre>
 * rampart-signed-manifest v1
 * signer &lt;RFC 7638 thumbprint of the signer's public key&gt;
 * time 2026-11-26T12:00:00Z
 * sha256 &lt;hex&gt; &lt;path relative to the signature file's directory&gt;
 * …
 * signature &lt;base64url Ed25519 signature of every byte above this line&gt;
 * </pre>
 *
 * Keys are JWK files (RFC 8037 OKP, Ed25519): the private key file is written owner-only; the
 * public key (or a JWK Set of trusted keys) is what verifiers hold.
 */
public final class ArtifactSigning {

    /** Name of the signature file written into a signed directory (and left out of its manifest). */
    public static final String SIGNATURE_FILE = "rampart.sig";
    private static final String HEADER = "rampart-signed-manifest v1";

    private ArtifactSigning() {}

    /** A manifest that verified. */
    public record Verified(String signerFingerprint, Instant signedAt, Map<String, String> sha256ByFile) {}

    /**
     * Generates an Ed25519 key pair, writes the private JWK to {@code privateKeyFile} (0600) and
     * returns the public JWK, whose key id is its thumbprint.
     */
    public static OctetKeyPair generateKey(Path privateKeyFile) {
        try {
            OctetKeyPair pair = new OctetKeyPairGenerator(Curve.Ed25519).keyIDFromThumbprint(true).generate();
            writeOwnerOnly(privateKeyFile, pair.toJSONString());
            return pair.toPublicJWK();
        } catch (JOSEException e) {
            throw new IllegalStateException("Ed25519 key generation is not available", e);
        }
    }

    /** Reads an Ed25519 private key JWK. */
    public static OctetKeyPair readPrivateKey(Path file) {
        JWK jwk = readJwk(file);
        if (!(jwk instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve()) || !okp.isPrivate()) {
            throw new CryptoException(Reason.INVALID_INPUT, file + " is not an Ed25519 private key JWK (kty OKP, crv Ed25519, with d)");
        }
        return okp;
    }

    /** Reads trusted public keys: one JWK, or a JWK Set. Private parts, if any, are dropped. */
    public static List<OctetKeyPair> readTrustedKeys(Path file) {
        String text = readText(file);
        List<JWK> keys;
        try {
            keys = text.contains("\"keys\"") ? JWKSet.parse(text).getKeys() : List.of(JWK.parse(text));
        } catch (ParseException e) {
            throw new CryptoException(Reason.INVALID_INPUT, file + " is not a JWK or JWK Set: " + e.getMessage(), e);
        }
        List<OctetKeyPair> trusted = new ArrayList<>();
        for (JWK key : keys) {
            if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                trusted.add(okp.toPublicJWK());
            }
        }
        if (trusted.isEmpty()) {
            throw new CryptoException(Reason.INVALID_INPUT, file + " holds no Ed25519 public key (kty OKP, crv Ed25519)");
        }
        return trusted;
    }

    /** The fingerprint of a key: its RFC 7638 SHA-256 thumbprint, base64url. */
    public static String fingerprint(JWK key) {
        return PublicJwks.fingerprint(key.toPublicJWK());
    }

    /** Signs every regular file under {@code directory} into {@code directory/rampart.sig}. */
    public static Path signDirectory(OctetKeyPair key, Path directory, Instant time) {
        Path signatureFile = directory.resolve(SIGNATURE_FILE);
        sign(key, signatureFile, filesUnder(directory, signatureFile), time);
        return signatureFile;
    }

    /**
     * Writes a signature over {@code files} to {@code signatureFile}; the files must be inside
     * the signature file's directory (their manifest names are relative to it).
     */
    public static void sign(OctetKeyPair key, Path signatureFile, List<Path> files, Instant time) {
        Path base = baseOf(signatureFile);
        TreeMap<String, String> digests = new TreeMap<>();
        for (Path file : files) {
            digests.put(relativeName(base, file), sha256Hex(file));
        }
        StringBuilder manifest = new StringBuilder(HEADER).append('\n')
                .append("signer ").append(fingerprint(key)).append('\n')
                .append("time ").append(time).append('\n');
        digests.forEach((name, digest) -> manifest.append("sha256 ").append(digest).append(' ').append(name).append('\n'));
        byte[] signed = manifest.toString().getBytes(StandardCharsets.UTF_8);
        try {
            PublicKeySign signer = Ed25519Sign.create(Ed25519PrivateKey.create(
                    Ed25519PublicKey.create(Bytes.copyFrom(key.getX().decode())),
                    SecretBytes.copyFrom(key.getD().decode(), InsecureSecretKeyAccess.get())));
            String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign(signed));
            Files.writeString(signatureFile, manifest + "signature " + signature + "\n", StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(Reason.INVALID_INPUT, "the signing key is not a valid Ed25519 key pair", e);
        } catch (IOException e) {
            throw new CryptoException(Reason.IO, "cannot write " + signatureFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Verifies the signature of {@code directory/rampart.sig} against the trusted keys and every
     * file's digest; any file under the directory not in the manifest is an error too.
     *
     * @throws ArtifactVerificationException naming every mismatched, missing and extra file
     */
    public static Verified verifyDirectory(List<OctetKeyPair> trusted, Path directory) {
        Path signatureFile = directory.resolve(SIGNATURE_FILE);
        return verify(trusted, signatureFile, filesUnder(directory, signatureFile));
    }

    /**
     * Verifies {@code signatureFile} and the digests of the files it lists.
     *
     * @param present the files that are there to check, for "extra file" errors; null to check
     *     only the listed files
     */
    public static Verified verify(List<OctetKeyPair> trusted, Path signatureFile, List<Path> present) {
        String text = readText(signatureFile);
        int signatureLine = text.lastIndexOf("\nsignature ");
        if (!text.startsWith(HEADER + "\n") || signatureLine < 0 || !text.endsWith("\n")) {
            throw failure(signatureFile + " is not a Rampart signature file (expected '" + HEADER
                    + "' first and a 'signature' line last)");
        }
        String manifest = text.substring(0, signatureLine + 1);
        String signatureText = text.substring(signatureLine + "\nsignature ".length(), text.length() - 1);
        Map<String, String> fields = new LinkedHashMap<>();
        TreeMap<String, String> digests = new TreeMap<>();
        String[] lines = manifest.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("sha256 ") && line.length() > 72 && line.charAt(71) == ' ') {
                digests.put(line.substring(72), line.substring(7, 71));
            } else if (line.startsWith("signer ") || line.startsWith("time ")) {
                fields.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
            } else {
                throw failure(signatureFile + " line " + (i + 1) + " is malformed");
            }
        }
        String signer = fields.get("signer");
        if (signer == null) {
            throw failure(signatureFile + " has no 'signer' line");
        }
        OctetKeyPair key = trusted.stream().filter(k -> fingerprint(k).equals(signer)).findFirst().orElseThrow(() ->
                failure(signatureFile + " is signed by key " + signer + ", which is not among the trusted keys "
                        + trusted.stream().map(ArtifactSigning::fingerprint).toList()));
        try {
            Ed25519Verify.create(Ed25519PublicKey.create(Bytes.copyFrom(key.getX().decode())))
                    .verify(Base64.getUrlDecoder().decode(signatureText), manifest.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw failure("the signature in " + signatureFile + " does not verify with trusted key " + signer
                    + ": the manifest was altered or signed by another key");
        }
        Path base = baseOf(signatureFile);
        List<String> mismatched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        digests.forEach((name, digest) -> {
            Path file = base.resolve(name);
            if (!Files.isRegularFile(file)) {
                missing.add(name);
            } else if (!sha256Hex(file).equals(digest)) {
                mismatched.add(name);
            }
        });
        List<String> extra = new ArrayList<>();
        if (present != null) {
            for (Path file : present) {
                String name = relativeName(base, file);
                if (!digests.containsKey(name)) {
                    extra.add(name);
                }
            }
        }
        if (!mismatched.isEmpty() || !missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder message = new StringBuilder("verification of " + signatureFile + " failed:");
            mismatched.forEach(name -> message.append("\n  changed (SHA-256 differs): ").append(name));
            missing.forEach(name -> message.append("\n  missing: ").append(name));
            extra.forEach(name -> message.append("\n  not in the manifest: ").append(name));
            throw new ArtifactVerificationException(message.toString(), mismatched, missing, extra);
        }
        Instant time;
        try {
            time = Instant.parse(fields.getOrDefault("time", ""));
        } catch (DateTimeParseException e) {
            throw failure(signatureFile + " has no valid 'time' line");
        }
        return new Verified(signer, time, digests);
    }

    private static ArtifactVerificationException failure(String message) {
        return new ArtifactVerificationException(message, List.of(), List.of(), List.of());
    }

    private static List<Path> filesUnder(Path directory, Path signatureFile) {
        try (Stream<Path> walk = Files.walk(directory)) {
            Path skip = signatureFile.toAbsolutePath().normalize();
            return walk.filter(Files::isRegularFile).filter(p -> !p.toAbsolutePath().normalize().equals(skip))
                    .sorted().toList();
        } catch (IOException e) {
            throw new CryptoException(Reason.IO, "cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Path baseOf(Path signatureFile) {
        Path parent = signatureFile.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    private static String relativeName(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(base)) {
            throw new CryptoException(Reason.INVALID_INPUT, file + " is outside " + base
                    + "; put the signature file in a directory that contains every signed file");
        }
        String name = base.relativize(absolute).toString().replace('\\', '/');
        if (name.contains("\n")) {
            throw new CryptoException(Reason.INVALID_INPUT, "file name with a line break cannot be signed: " + file);
        }
        return name;
    }

    static String sha256Hex(Path file) {
        MessageDigest digest = Transit.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new CryptoException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static JWK readJwk(Path file) {
        try {
            return JWK.parse(readText(file));
        } catch (ParseException e) {
            throw new CryptoException(Reason.INVALID_INPUT, file + " is not a JWK: " + e.getMessage(), e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CryptoException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new CryptoException(Reason.IO, file + " already exists; a key file is never overwritten", e);
        } catch (IOException e) {
            throw new CryptoException(Reason.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
