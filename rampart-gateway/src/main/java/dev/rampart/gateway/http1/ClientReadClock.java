package dev.rampart.gateway.http1;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The time a client takes to send a request, against slowloris-style attacks that hold
 * connections open by sending a head or body a few bytes at a time: a head must be complete within
 * the header timeout of its first byte, and a body must never pause longer than the body timeout.
 *
 * <p>Only time during which the gateway wants to read is charged to the client. While the gateway
 * has stopped reading (Vert.x turns {@code autoRead} off when a paused request has queued enough
 * data), the client's bytes wait in the kernel and the clock stands still; while a request with
 * {@code Expect: 100-continue} waits for the gateway's interim or final response, the client
 * rightly sends nothing (RFC 9110 §10.1.1) and the body clock has not started.
 *
 * <p>At most one timer is pending per connection; it is not rescheduled for every read but
 * re-checks the deadline when it fires. Confined to the connection's event loop.
 */
final class ClientReadClock implements Runnable {

    private enum Phase { IDLE, HEAD, BODY, AWAITING_CONTINUE }

    private final long headNanos;
    private final long bodyNanos;
    private final EventExecutor executor;
    private final Ticker ticker;
    private final Consumer<Violation> onTimeout;

    private Phase phase = Phase.IDLE;
    private long phaseStart;
    private long pausedNanos;
    private boolean paused;
    private long pausedSince;
    private ScheduledFuture<?> timer;
    private long timerDeadline;
    private boolean stopped;

    ClientReadClock(Http1Limits limits, EventExecutor executor, Consumer<Violation> onTimeout) {
        this.headNanos = limits.headerTimeoutNanos();
        this.bodyNanos = limits.bodyTimeoutNanos();
        this.executor = executor;
        this.ticker = executor.ticker();
        this.onTimeout = onTimeout;
    }

    /** The first byte of a request head arrived. */
    void headStarted() {
        start(Phase.HEAD);
    }

    boolean timingHead() {
        return phase == Phase.HEAD;
    }

    /** Body bytes arrived (or a body is now due): the allowed pause starts again. */
    void bodyProgress() {
        start(Phase.BODY);
    }

    /** The head asked for 100 Continue and no body byte has come: the client waits for the gateway. */
    void awaitContinue() {
        phase = Phase.AWAITING_CONTINUE;
    }

    /** The gateway wrote an interim or final response; a client waiting for it must now send. */
    void responseWritten() {
        if (phase == Phase.AWAITING_CONTINUE) {
            start(Phase.BODY);
        }
    }

    /** Between requests: the listener's idle timeout applies, not this clock. */
    void idle() {
        phase = Phase.IDLE;
    }

    /** The gateway stopped reading (backpressure): not the client's time. */
    void readingPaused() {
        if (!paused && (phase == Phase.HEAD || phase == Phase.BODY)) {
            paused = true;
            pausedSince = ticker.nanoTime();
        }
    }

    /** The gateway asked for more bytes. */
    void readingResumed() {
        if (paused) {
            paused = false;
            pausedNanos += ticker.nanoTime() - pausedSince;
            arm();
        }
    }

    /** No more timing on this connection. */
    void stop() {
        stopped = true;
        phase = Phase.IDLE;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void run() {
        timer = null;
        if (stopped || paused || (phase != Phase.HEAD && phase != Phase.BODY)) {
            // Re-armed by the next phase, or when reading resumes.
            return;
        }
        long deadline = deadline();
        long now = ticker.nanoTime();
        if (now - deadline < 0) {
            schedule(deadline, now);
        } else {
            onTimeout.accept(phase == Phase.HEAD ? Violation.HEADER_TIMEOUT : Violation.BODY_TIMEOUT);
        }
    }

    private void start(Phase p) {
        phase = p;
        phaseStart = ticker.nanoTime();
        pausedNanos = 0;
        paused = false;
        arm();
    }

    private long deadline() {
        return phaseStart + pausedNanos + (phase == Phase.HEAD ? headNanos : bodyNanos);
    }

    /** Makes sure a timer fires no later than the current deadline. */
    private void arm() {
        if (stopped || (phase != Phase.HEAD && phase != Phase.BODY)) {
            return;
        }
        long deadline = deadline();
        if (timer != null) {
            if (timerDeadline - deadline <= 0) {
                return;
            }
            timer.cancel(false);
        }
        schedule(deadline, ticker.nanoTime());
    }

    private void schedule(long deadline, long now) {
        timerDeadline = deadline;
        timer = executor.schedule(this, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
    }
}
