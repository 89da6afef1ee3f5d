package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeoLookupTest {

    @Test
    void neverMatchesWithoutAGeoIpDatabase() {
        Operator geoLookup = Operators.create("geoLookup", "", null);
        assertThat(geoLookup.matches("203.0.113.9", RecordingContext.plain())).isFalse();
        assertThat(geoLookup.matches("not an address", RecordingContext.plain())).isFalse();
    }
}
