package dev.rampart.gateway.waf;

import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.metrics.GatewayMetrics;

/**
 * Counts WAF blocks by matched rule id ({@code rampart_waf_blocks_total{rule="942100"}}) from the
 * {@code waf.blocked} events, and responses not inspected whole
 * ({@code rampart_waf_responses_not_inspected_total{route,reason,outcome}}) from the
 * {@code waf.not-inspected} events, so the guard needs no metrics registry. Rule ids come from the
 * loaded rule files, never from the request, so the series stay bounded.
 */
public final class WafBlockMetrics implements EventBus.Listener {

    private final GatewayMetrics metrics;

    public WafBlockMetrics(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onEvent(SecurityEvent event) {
        if (!WafGuard.NAME.equals(event.source())) {
            return;
        }
        if (WafGuard.NOT_INSPECTED.equals(event.type())) {
            // reason and outcome are the guard's own words, the route id comes from the config: bounded series
            metrics.recordWafResponseNotInspected(String.valueOf(event.routeId()),
                    event.details().getOrDefault("reason", "unknown"), event.details().getOrDefault("outcome", "unknown"));
            return;
        }
        if (!"waf.blocked".equals(event.type())) {
            return;
        }
        String ids = event.details().getOrDefault("rule_ids", "");
        for (String id : ids.split(",")) {
            if (!id.isEmpty()) {
                metrics.recordWafBlock(id);
            }
        }
    }
}
