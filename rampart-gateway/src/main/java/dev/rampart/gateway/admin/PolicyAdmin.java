package dev.rampart.gateway.admin;

import dev.rampart.gateway.server.Gateway;
import dev.rampart.policy.AuthorizationDecision;
import dev.rampart.policy.Authorizer;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * {@code POST /admin/policy/explain}: what the running policy would decide for a hypothetical caller
 * and request, and why. Answers from the policy of the config in force (a reload changes it); CPU
 * only, so it runs on the admin event loop. Nothing is emitted: no request was made.
 */
final class PolicyAdmin {

    private final Gateway gateway;
    private final AdminApi.Problems problems;

    PolicyAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.problems = problems;
    }

    void explain(RoutingContext ctx) {
        Authorizer authorizer = gateway.runtime().authorizer();
        if (authorizer == null) {
            problems.send(ctx, 404, "no-policy", "The config in force has no policy section; add one and reload.");
            return;
        }
        AuthorizationDecision d;
        try {
            d = authorizer.explain(PolicyExplanations.query(ctx.body() == null ? null : ctx.body().asString()),
                    Instant.now());
        } catch (IllegalArgumentException e) {
            problems.send(ctx, 400, "invalid-request", AdminCalls.message(e));
            return;
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(PolicyExplanations.json(d));
    }
}
