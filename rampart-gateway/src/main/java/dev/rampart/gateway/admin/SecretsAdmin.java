package dev.rampart.gateway.admin;

import dev.rampart.core.Principal;
import dev.rampart.core.config.Durations;
import dev.rampart.crypto.CryptoException;
import dev.rampart.crypto.Secret;
import dev.rampart.crypto.SecretMetadata;
import dev.rampart.crypto.Secrets;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/secrets/...}: the versioned secrets store, shaped like Vault's KV v2 — values under
 * {@code data/<path>}, versions and settings under {@code metadata/<path>}, and {@code delete},
 * {@code undelete}, {@code destroy} of chosen versions. A path may hold '/', so it is the rest of
 * the request path. A check-and-set write whose {@code cas} is not the current version answers 409.
 * Every change is audited by the library on the gateway's event bus, without values.
 *
 * <p>Each call is authorized before any work with {@code secrets:<operation>:<path>}: {@code read}
 * (data and metadata), {@code write} (put, metadata settings, undelete), {@code delete} (soft delete),
 * {@code destroy} (versions destroyed, or the whole path with its metadata) and {@code list} — a
 * listing shows only the paths the caller may list, so it never learns names it may not see.
 */
final class SecretsAdmin {

    private final CryptoCalls calls;

    SecretsAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.calls = new CryptoCalls(gateway, problems);
    }

    void list(RoutingContext ctx) {
        String prefix = ctx.queryParams().get("prefix");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> new JsonObject().put("paths", new JsonArray(
                crypto.secrets().list(prefix == null ? "" : prefix).stream()
                        .filter(path -> calls.permitsSecrets(caller, "list", path)).toList())));
    }

    void put(RoutingContext ctx) {
        String path = pathAfter(ctx, "/admin/secrets/data/");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            calls.requireSecretsPermission(ctx, caller, "write", path);
            JsonObject data = body.getValue("data") instanceof JsonObject o ? o : null;
            if (data == null) {
                throw new IllegalArgumentException("send {\"data\": {\"key\": \"value\"}, \"options\": {\"cas\": 0}}");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : data) {
                if (!(e.getValue() instanceof String s)) {
                    throw new IllegalArgumentException("data." + e.getKey() + " must be a string");
                }
                values.put(e.getKey(), s);
            }
            JsonObject options = body.getValue("options") instanceof JsonObject o ? o : new JsonObject();
            Integer cas = options.containsKey("cas") ? CryptoCalls.integer(options, "cas", 0) : null;
            String ttl = AdminCalls.string(body, "ttl");
            Secret written = crypto.secrets().put(path, values, cas, ttl == null ? null : Durations.parse(ttl));
            return versionOf(written);
        });
    }

    void get(RoutingContext ctx) {
        String path = pathAfter(ctx, "/admin/secrets/data/");
        Principal caller = CryptoCalls.caller(ctx);
        String version = ctx.queryParams().get("version");
        calls.call(ctx, 200, (crypto, body) -> {
            calls.requireSecretsPermission(ctx, caller, "read", path);
            int wanted = version == null ? 0 : parseVersion(version);
            Secret secret = (wanted == 0 ? crypto.secrets().get(path) : crypto.secrets().get(path, wanted))
                    .orElseThrow(() -> new CryptoException(CryptoException.Reason.SECRET_NOT_FOUND, "no readable secret at '"
                            + path + "'" + (wanted == 0 ? "" : " version " + wanted)
                            + " (missing, deleted, destroyed or expired)"));
            JsonObject data = new JsonObject();
            secret.data().forEach(data::put);
            return versionOf(secret).put("data", data);
        });
    }

    /** DELETE on data/: soft-deletes the current version. */
    void deleteCurrent(RoutingContext ctx) {
        String path = pathAfter(ctx, "/admin/secrets/data/");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 204, (crypto, body) -> {
            calls.requireSecretsPermission(ctx, caller, "delete", path);
            crypto.secrets().delete(path);
            return null;
        });
    }

    void delete(RoutingContext ctx) {
        onVersions(ctx, "/admin/secrets/delete/", "delete", Secrets::delete);
    }

    void undelete(RoutingContext ctx) {
        onVersions(ctx, "/admin/secrets/undelete/", "write", Secrets::undelete);
    }

    void destroy(RoutingContext ctx) {
        onVersions(ctx, "/admin/secrets/destroy/", "destroy", Secrets::destroy);
    }

    /** An operation on given versions of one secret. */
    @FunctionalInterface
    private interface VersionsOperation {
        void apply(Secrets secrets, String path, int... versions);
    }

    /** A call that acts on the versions listed in the body of the secret under {@code prefix}, answered 204. */
    private void onVersions(RoutingContext ctx, String prefix, String permission, VersionsOperation operation) {
        String path = pathAfter(ctx, prefix);
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 204, (crypto, body) -> {
            calls.requireSecretsPermission(ctx, caller, permission, path);
            operation.apply(crypto.secrets(), path, versions(body));
            return null;
        });
    }

    void metadata(RoutingContext ctx) {
        String path = pathAfter(ctx, "/admin/secrets/metadata/");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            calls.requireSecretsPermission(ctx, caller, "read", path);
            return metadataOf(crypto.secrets().metadata(path)
                    .orElseThrow(() -> new CryptoException(CryptoException.Reason.SECRET_NOT_FOUND, "no secret at '" + path + "'")));
        });
    }

    void configure(RoutingContext ctx) {
        String path = pathAfter(ctx, "/admin/secrets/metadata/");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 200, (crypto, body) -> {
            calls.requireSecretsPermission(ctx, caller, "write", path);
            Integer maxVersions = body.containsKey("max_versions") ? CryptoCalls.integer(body, "max_versions", 0) : null;
            Object casRequired = body.getValue("cas_required");
            if (casRequired != null && !(casRequired instanceof Boolean)) {
                throw new IllegalArgumentException("cas_required must be true or false");
            }
            Map<String, String> custom = null;
            if (body.getValue("custom_metadata") instanceof JsonObject o) {
                custom = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : o) {
                    custom.put(e.getKey(), String.valueOf(e.getValue()));
                }
            }
            return metadataOf(crypto.secrets().configure(path, maxVersions, (Boolean) casRequired, custom));
        });
    }

    /** DELETE on metadata/: removes the path, its metadata and every version. */
    void deleteAll(RoutingContext ctx) {
        String path = pathAfter(ctx, "/admin/secrets/metadata/");
        Principal caller = CryptoCalls.caller(ctx);
        calls.call(ctx, 204, (crypto, body) -> {
            calls.requireSecretsPermission(ctx, caller, "destroy", path);
            crypto.secrets().deleteAll(path);
            return null;
        });
    }

    private static String pathAfter(RoutingContext ctx, String prefix) {
        String path = ctx.normalizedPath();
        return path.length() > prefix.length() ? path.substring(prefix.length()) : "";
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version '" + text + "' is not a version number");
        }
    }

    private static int[] versions(JsonObject body) {
        Object v = body.getValue("versions");
        if (v == null) {
            return new int[0];
        }
        if (!(v instanceof JsonArray array)) {
            throw new IllegalArgumentException("versions must be an array of version numbers, e.g. [1, 2]");
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(array.getValue(i) instanceof Integer n)) {
                throw new IllegalArgumentException("versions must be an array of version numbers, e.g. [1, 2]");
            }
            out[i] = n;
        }
        return out;
    }

    private static JsonObject versionOf(Secret s) {
        return new JsonObject().put("path", s.path()).put("version", s.version())
                .put("created_at", AdminCalls.time(s.createdAt())).put("expires_at", AdminCalls.time(s.expiresAt()));
    }

    private static JsonObject metadataOf(SecretMetadata m) {
        JsonArray versions = new JsonArray();
        for (SecretMetadata.Version v : m.versions()) {
            versions.add(new JsonObject().put("version", v.version()).put("created_at", AdminCalls.time(v.createdAt()))
                    .put("expires_at", AdminCalls.time(v.expiresAt())).put("deleted_at", AdminCalls.time(v.deletedAt()))
                    .put("destroyed", v.destroyed()));
        }
        JsonObject custom = new JsonObject();
        m.customMetadata().forEach(custom::put);
        return new JsonObject().put("path", m.path()).put("current_version", m.currentVersion())
                .put("max_versions", m.maxVersions()).put("cas_required", m.casRequired())
                .put("custom_metadata", custom).put("created_at", AdminCalls.time(m.createdAt()))
                .put("updated_at", AdminCalls.time(m.updatedAt())).put("versions", versions);
    }
}
