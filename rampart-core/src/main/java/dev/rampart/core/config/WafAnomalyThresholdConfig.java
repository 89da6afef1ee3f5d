package dev.rampart.core.config;

/** CRS anomaly scoring: the total score of matched rules at which a request or response is blocked. */
public record WafAnomalyThresholdConfig(
        @Doc("Inbound (request) threshold. Default 5: a critical match scores 5, an error 4, a warning 3, a notice 2.")
        Integer inbound,
        @Doc("Outbound (response) threshold. Default 4.") Integer outbound) {

    public WafAnomalyThresholdConfig {
        inbound = inbound == null ? 5 : inbound;
        outbound = outbound == null ? 4 : outbound;
    }

    public static WafAnomalyThresholdConfig defaults() {
        return new WafAnomalyThresholdConfig(null, null);
    }
}
