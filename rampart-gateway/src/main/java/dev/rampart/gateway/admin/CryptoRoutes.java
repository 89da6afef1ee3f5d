package dev.rampart.gateway.admin;

import dev.rampart.gateway.server.Gateway;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** Where the transit and secrets endpoints sit on the admin router. */
final class CryptoRoutes {

    /** Batches of encryptions carry more than the other admin calls: up to 1000 items. */
    static final long TRANSIT_BODY_LIMIT = 1024 * 1024;
    private static final long SECRETS_BODY_LIMIT = 64 * 1024;

    private CryptoRoutes() {
    }

    /** Body reading; installed before the admin-token check, so the body is read while the token is looked up. */
    static void readBodies(Router router, AdminApi.Problems problems) {
        router.route("/admin/transit/*").handler(BodyHandler.create(false).setBodyLimit(TRANSIT_BODY_LIMIT));
        router.route("/admin/transit/*").failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                problems.send(ctx, 413, "body-too-large", "The request body is over " + TRANSIT_BODY_LIMIT
                        + " bytes; split the batch.");
            } else {
                ctx.next();
            }
        });
        router.route("/admin/secrets*").handler(BodyHandler.create(false).setBodyLimit(SECRETS_BODY_LIMIT));
    }

    static void install(Router router, Gateway gateway, AdminApi.Problems problems) {
        TransitAdmin transit = new TransitAdmin(gateway, problems);
        router.get("/admin/transit/keys").handler(transit::listKeys);
        router.post("/admin/transit/keys/:name").handler(transit::createKey);
        router.get("/admin/transit/keys/:name").handler(transit::readKey);
        router.delete("/admin/transit/keys/:name").handler(transit::deleteKey);
        router.post("/admin/transit/keys/:name/rotate").handler(transit::rotateKey);
        router.post("/admin/transit/keys/:name/config").handler(transit::configureKey);
        router.post("/admin/transit/keys/:name/trim").handler(transit::trimKey);
        router.get("/admin/transit/keys/:name/jwks").handler(transit::jwks);
        router.get("/admin/transit/keys/:name/public-keys").handler(transit::publicKeys);
        router.post("/admin/transit/encrypt/:name").handler(transit::encrypt);
        router.post("/admin/transit/decrypt/:name").handler(transit::decrypt);
        router.post("/admin/transit/rewrap/:name").handler(transit::rewrap);
        router.post("/admin/transit/datakey/:name").handler(transit::dataKey);
        router.post("/admin/transit/sign/:name").handler(transit::sign);
        router.post("/admin/transit/verify/:name").handler(transit::verify);
        router.post("/admin/transit/hmac/:name").handler(transit::hmac);
        router.post("/admin/transit/random/:bytes").handler(transit::random);
        router.post("/admin/transit/hash/:algorithm").handler(transit::hash);
        SecretsAdmin secrets = new SecretsAdmin(gateway, problems);
        router.get("/admin/secrets").handler(secrets::list);
        router.put("/admin/secrets/data/*").handler(secrets::put);
        router.post("/admin/secrets/data/*").handler(secrets::put);
        router.get("/admin/secrets/data/*").handler(secrets::get);
        router.delete("/admin/secrets/data/*").handler(secrets::deleteCurrent);
        router.post("/admin/secrets/delete/*").handler(secrets::delete);
        router.post("/admin/secrets/undelete/*").handler(secrets::undelete);
        router.post("/admin/secrets/destroy/*").handler(secrets::destroy);
        router.get("/admin/secrets/metadata/*").handler(secrets::metadata);
        router.post("/admin/secrets/metadata/*").handler(secrets::configure);
        router.delete("/admin/secrets/metadata/*").handler(secrets::deleteAll);
    }
}
