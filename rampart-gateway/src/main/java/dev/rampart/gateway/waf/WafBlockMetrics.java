package dev.rampart.gateway.waf;

import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.metrics.GatewayMetrics;

/**
 * Counts WAF blocks by matched rule id ({@code rampart_waf_blocks_total{rule="942100"}}) from the
 * {@code waf.blocked} events, so the guard needs no metrics registry. Rule ids come from the
 * loaded rule files, never from the request, so the series stay bounded.
 */
public final class WafBlockMetrics implements EventBus.Listener {

    private final GatewayMetrics metrics;

    public WafBlockMetrics(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onEvent(SecurityEvent event) {
        if (!"waf.blocked".equals(event.type()) || !WafGuard.NAME.equals(event.source())) {
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
