package dev.rampart.ratelimit.internal;

import dev.rampart.core.config.QuotaConfig.Period;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Calendar days and months in one time zone, as epoch-millisecond intervals. The current interval of
 * each kind is cached, so that a quota check computes calendar dates only when a period turns.
 * A day is midnight to midnight in the zone, 23 or 25 hours long across a daylight-saving change.
 */
public final class CalendarPeriods {

    /** A period: {@code [startMillis, endMillis)}. */
    public record Interval(long startMillis, long endMillis) {
        public boolean contains(long millis) {
            return millis >= startMillis && millis < endMillis;
        }
    }

    private final ZoneId zone;
    private volatile Interval day = new Interval(0, 0);
    private volatile Interval month = new Interval(0, 0);

    public CalendarPeriods(ZoneId zone) {
        this.zone = zone;
    }

    /** The period of kind {@code period} holding {@code nowMillis}. */
    public Interval current(Period period, long nowMillis) {
        Interval cached = period == Period.day ? day : month;
        if (cached.contains(nowMillis)) {
            return cached;
        }
        ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(zone);
        ZonedDateTime start = period == Period.day
                ? now.toLocalDate().atStartOfDay(zone)
                : now.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        ZonedDateTime end = period == Period.day
                ? start.toLocalDate().plusDays(1).atStartOfDay(zone)
                : start.toLocalDate().plus(1, ChronoUnit.MONTHS).atStartOfDay(zone);
        Interval fresh = new Interval(start.toInstant().toEpochMilli(), end.toInstant().toEpochMilli());
        if (period == Period.day) {
            day = fresh;
        } else {
            month = fresh;
        }
        return fresh;
    }
}
