package dev.rampart.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per second of CPU time spent by the benchmark's worker threads: the per-core
 * throughput. On a shared machine wall-clock ops/s falls with whatever else runs; CPU time spent
 * per operation changes much less, so this is the figure to hold against a per-core target.
 * It leaves out other threads (JIT, GC, an event bus's delivery thread).
 * Use: {@code bench/jmh.sh -prof dev.rampart.bench.ThreadCpuProfiler TransitBenchmark}.
 */
public final class ThreadCpuProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark worker threads";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = workerCpuNanos();
    }

    @Override
    public Collection<ScalarResult> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        double cpuSeconds = (workerCpuNanos() - cpuAtStart) / 1e9;
        long ops = result.getMetadata().getAllOps();
        return List.of(new ScalarResult("ops/cpu-s", cpuSeconds > 0 ? ops / cpuSeconds : 0, "ops/cpu-s",
                AggregationPolicy.AVG));
    }

    /** JMH names its benchmark threads "…-jmh-worker-N"; they live across the iterations of a fork. */
    private long workerCpuNanos() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
