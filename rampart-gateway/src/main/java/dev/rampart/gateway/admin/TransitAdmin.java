package dev.rampart.gateway.admin;

import dev.rampart.core.config.Durations;
import dev.rampart.core.Principal;
import dev.rampart.crypto.BatchItem;
import dev.rampart.crypto.BatchResult;
import dev.rampart.crypto.CryptoException;
import dev.rampart.crypto.DataKey;
import dev.rampart.crypto.HashAlgorithm;
import dev.rampart.crypto.KeyOptions;
import dev.rampart.crypto.KeyType;
import dev.rampart.crypto.PublicKeyInfo;
import dev.rampart.crypto.Transit;
import dev.rampart.crypto.TransitKeyInfo;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code /admin/transit/...}: named keys and the operations on them, shaped like Vault's transit
 * engine. Inputs and outputs that are bytes travel as base64; ciphertexts, signatures and MACs as
 * the library's {@code rampart:v<N>:...} text. Every call acts as its caller ({@link CryptoCalls#caller}:
 * the admin, or an application's API key or token), is authorized per key and operation with the
 * permission {@code transit:<operation>:<key>}, once per call for a batch, and is audited by the
 * library on the gateway's event bus.
 *
 * <p>Batches: encrypt, decrypt, rewrap, sign, verify and hmac take {@code batch_input}, a list of
 * the single call's fields plus an optional {@code reference}; {@code batch_results} keeps their
 * order and gives each either its result or its own {@code error}, and the call answers 200.
 */
final class TransitAdmin {

    private static final int MAX_BATCH = 1000;

    private final CryptoCalls calls;

    TransitAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.calls = new CryptoCalls(gateway, problems);
    }

    // ---- keys ----

    void listKeys(RoutingContext ctx) {
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            JsonArray keys = new JsonArray();
            crypto.transit().list(caller).forEach(k -> keys.add(info(k)));
            return new JsonObject().put("keys", keys);
        });
    }

    void createKey(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 201, (crypto, body) -> info(crypto.transit().create(caller, name,
                KeyType.of(CryptoCalls.requiredString(body, "type")), options(body))));
    }

    void readKey(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> info(crypto.transit().read(caller, name)));
    }

    void rotateKey(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> info(crypto.transit().rotate(caller, name)));
    }

    void configureKey(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> info(crypto.transit().configure(caller, name,
                options(body))));
    }

    void trimKey(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            int version = CryptoCalls.integer(body, "min_available_version", -1);
            if (version < 1) {
                throw new IllegalArgumentException("min_available_version is required: the oldest version to keep (1 or more)");
            }
            return info(crypto.transit().trim(caller, name, version));
        });
    }

    void deleteKey(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 204, (crypto, body) -> {
            crypto.transit().delete(caller, name);
            return null;
        });
    }

    void jwks(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> new JsonObject(crypto.transit().jwks(caller, name)));
    }

    void publicKeys(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            JsonArray keys = new JsonArray();
            for (PublicKeyInfo k : crypto.transit().publicKeys(caller, name)) {
                keys.add(new JsonObject().put("version", k.version()).put("fingerprint", k.fingerprint())
                        .put("jwk", new JsonObject(k.jwk())));
            }
            return new JsonObject().put("keys", keys);
        });
    }

    // ---- operations ----

    void encrypt(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            Transit transit = crypto.transit();
            if (body.containsKey("batch_input")) {
                List<BatchItem<byte[]>> items = batchItems(body, item -> CryptoCalls.base64(item, "plaintext"));
                return batchResults(transit.encryptBatch(caller, name, items),
                        (out, ciphertext) -> ciphertext(out, ciphertext));
            }
            String ciphertext = transit.encrypt(caller, name,
                    CryptoCalls.integer(body, "key_version", 0), CryptoCalls.base64(body, "plaintext"),
                    CryptoCalls.optionalBase64(body, "associated_data"));
            return ciphertext(new JsonObject(), ciphertext);
        });
    }

    void decrypt(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            Transit transit = crypto.transit();
            if (body.containsKey("batch_input")) {
                List<BatchItem<String>> items = batchItems(body, item -> CryptoCalls.requiredString(item, "ciphertext"));
                return batchResults(transit.decryptBatch(caller, name, items),
                        (out, plaintext) -> out.put("plaintext", CryptoCalls.encode(plaintext)));
            }
            byte[] plaintext = transit.decrypt(caller, name,
                    CryptoCalls.requiredString(body, "ciphertext"), CryptoCalls.optionalBase64(body, "associated_data"));
            return new JsonObject().put("plaintext", CryptoCalls.encode(plaintext));
        });
    }

    void rewrap(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            Transit transit = crypto.transit();
            if (body.containsKey("batch_input")) {
                List<BatchItem<String>> items = batchItems(body, item -> CryptoCalls.requiredString(item, "ciphertext"));
                return batchResults(transit.rewrapBatch(caller, name, items),
                        (out, ciphertext) -> ciphertext(out, ciphertext));
            }
            String ciphertext = transit.rewrap(caller, name,
                    CryptoCalls.requiredString(body, "ciphertext"), CryptoCalls.optionalBase64(body, "associated_data"));
            return ciphertext(new JsonObject(), ciphertext);
        });
    }

    void dataKey(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            Object includePlaintext = body.getValue("include_plaintext");
            if (includePlaintext != null && !(includePlaintext instanceof Boolean)) {
                throw new IllegalArgumentException("include_plaintext must be true or false");
            }
            DataKey key = crypto.transit().dataKey(caller, name, CryptoCalls.integer(body, "bits", 256),
                    !Boolean.FALSE.equals(includePlaintext), CryptoCalls.optionalBase64(body, "associated_data"));
            JsonObject out = new JsonObject().put("ciphertext", key.ciphertext()).put("key_version", key.version());
            if (key.plaintext() != null) {
                out.put("plaintext", CryptoCalls.encode(key.plaintext()));
            }
            return out;
        });
    }

    void sign(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> eachInput(body, () -> crypto.transit().authorize(caller, "sign", name),
                item -> new JsonObject().put("signature",
                crypto.transit().sign(caller, name, CryptoCalls.base64(item, "input")))));
    }

    /** Verifies a {@code signature} (signing keys) or an {@code hmac} (HMAC keys) over {@code input}. */
    void verify(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> eachInput(body, () -> crypto.transit().authorize(caller, "verify", name),
                item -> {
            byte[] input = CryptoCalls.base64(item, "input");
            String hmac = AdminCalls.string(item, "hmac");
            boolean valid = hmac != null
                    ? crypto.transit().verifyHmac(caller, name, input, hmac)
                    : crypto.transit().verify(caller, name, input,
                            CryptoCalls.requiredString(item, "signature"));
            return new JsonObject().put("valid", valid);
        }));
    }

    void hmac(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> eachInput(body, () -> crypto.transit().authorize(caller, "hmac", name),
                item -> new JsonObject().put("hmac",
                crypto.transit().hmac(caller, name, CryptoCalls.base64(item, "input")))));
    }

    void random(RoutingContext ctx) {
        String bytes = ctx.pathParam("bytes");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            int count;
            try {
                count = Integer.parseInt(bytes);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + bytes + "' is not a byte count; write e.g. /admin/transit/random/32");
            }
            byte[] random = crypto.transit().randomBytes(caller, count);
            String given = AdminCalls.string(body, "format");
            String format = given == null ? "base64" : given;
            return switch (format) {
                case "base64" -> new JsonObject().put("random_bytes", CryptoCalls.encode(random));
                case "hex" -> new JsonObject().put("random_bytes", java.util.HexFormat.of().formatHex(random));
                default -> throw new IllegalArgumentException("format '" + format + "'; allowed: base64, hex");
            };
        });
    }

    void hash(RoutingContext ctx) {
        String algorithm = ctx.pathParam("algorithm");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> new JsonObject().put("sum", java.util.HexFormat.of().formatHex(
                crypto.transit().hash(caller, HashAlgorithm.of(algorithm),
                        CryptoCalls.base64(body, "input")))));
    }

    // ---- JSON ----

    private static JsonObject info(TransitKeyInfo k) {
        JsonObject versions = new JsonObject();
        k.versions().forEach((version, created) -> versions.put(Integer.toString(version), created.toString()));
        return new JsonObject()
                .put("name", k.name())
                .put("type", k.type().id())
                .put("latest_version", k.latestVersion())
                .put("min_decryption_version", k.minDecryptionVersion())
                .put("min_encryption_version", k.minEncryptionVersion())
                .put("min_available_version", k.minAvailableVersion())
                .put("deletion_allowed", k.deletionAllowed())
                .put("auto_rotate_period", k.autoRotatePeriod().isZero() ? null : Durations.format(k.autoRotatePeriod()))
                .put("created_at", AdminCalls.time(k.createdAt()))
                .put("rotated_at", AdminCalls.time(k.rotatedAt()))
                .put("versions", versions);
    }

    private static KeyOptions options(JsonObject body) {
        Object deletion = body.getValue("deletion_allowed");
        if (deletion != null && !(deletion instanceof Boolean)) {
            throw new IllegalArgumentException("deletion_allowed must be true or false");
        }
        String period = AdminCalls.string(body, "auto_rotate_period");
        Duration autoRotate = period == null ? null : period.equals("0") ? Duration.ZERO : Durations.parse(period);
        Integer minDecryption = body.containsKey("min_decryption_version")
                ? CryptoCalls.integer(body, "min_decryption_version", 0) : null;
        Integer minEncryption = body.containsKey("min_encryption_version")
                ? CryptoCalls.integer(body, "min_encryption_version", 0) : null;
        return new KeyOptions((Boolean) deletion, autoRotate, minDecryption, minEncryption);
    }

    private static JsonObject ciphertext(JsonObject out, String ciphertext) {
        int colon = ciphertext.indexOf(':', "rampart:v".length());
        return out.put("ciphertext", ciphertext)
                .put("key_version", Integer.parseInt(ciphertext.substring("rampart:v".length(), colon)));
    }

    private static JsonArray batchInput(JsonObject body) {
        Object input = body.getValue("batch_input");
        if (!(input instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_BATCH) {
            throw new IllegalArgumentException("batch_input must be an array of 1 to " + MAX_BATCH + " objects");
        }
        for (Object item : array) {
            if (!(item instanceof JsonObject)) {
                throw new IllegalArgumentException("batch_input must be an array of 1 to " + MAX_BATCH + " objects");
            }
        }
        return array;
    }

    /** The items of {@code batch_input}; a malformed item fails the whole call (400), as nothing was done yet. */
    private static <I> List<BatchItem<I>> batchItems(JsonObject body, Function<JsonObject, I> input) {
        JsonArray array = batchInput(body);
        List<BatchItem<I>> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonObject item = array.getJsonObject(i);
            try {
                items.add(new BatchItem<>(AdminCalls.string(item, "reference"), input.apply(item),
                        CryptoCalls.optionalBase64(item, "associated_data")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("batch_input[" + i + "]: " + e.getMessage());
            }
        }
        return items;
    }

    private static <T> JsonObject batchResults(List<BatchResult<T>> results,
            java.util.function.BiConsumer<JsonObject, T> value) {
        JsonArray out = new JsonArray();
        for (BatchResult<T> r : results) {
            JsonObject item = new JsonObject();
            if (r.reference() != null) {
                item.put("reference", r.reference());
            }
            if (r.succeeded()) {
                value.accept(item, r.value());
            } else {
                item.put("error", error(r.error()));
            }
            out.add(item);
        }
        return new JsonObject().put("batch_results", out);
    }

    private static JsonObject error(CryptoException e) {
        return new JsonObject().put("code", e.code()).put("status", CryptoCalls.statusOf(e.reason()))
                .put("detail", e.getMessage());
    }

    /**
     * One input, or each item of {@code batch_input} in turn, audited on its own by the library; a
     * failed item gets its error and the others go on. A batch is authorized once, up front: a
     * caller without the permission gets one 403 for the call, not a 200 of as many denials.
     */
    private static JsonObject eachInput(JsonObject body, Runnable authorizeBatch, Function<JsonObject, JsonObject> one) {
        if (!body.containsKey("batch_input")) {
            return one.apply(body);
        }
        authorizeBatch.run();
        JsonArray out = new JsonArray();
        for (Object o : batchInput(body)) {
            JsonObject item = (JsonObject) o;
            String reference = AdminCalls.string(item, "reference");
            JsonObject result;
            try {
                result = one.apply(item);
            } catch (CryptoException e) {
                result = new JsonObject().put("error", error(e));
            } catch (IllegalArgumentException e) {
                result = new JsonObject().put("error", new JsonObject().put("code", "invalid-request").put("status", 400)
                        .put("detail", AdminCalls.message(e)));
            }
            if (reference != null) {
                result = new JsonObject().put("reference", reference).mergeIn(result);
            }
            out.add(result);
        }
        return new JsonObject().put("batch_results", out);
    }
}
