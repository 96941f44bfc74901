package dev.weft.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark JVM spent per operation, summed over
 * all its threads ({@code cpu.time.norm}, ns/op), and how many cores it kept busy on average
 * ({@code cpu.cores}).
 *
 * <p>Wall-clock scores of multi-threaded benchmarks swing widely on a machine that others load
 * (a runnable worker waits for a core); the CPU time the process itself burned per operation
 * moves much less, so it is the figure to compare when the load average is high. It counts
 * every thread of the fork (workers, carriers, the JMH thread, GC and JIT), the same way for
 * every executor, so CPU burned spinning or searching for work is counted too.
 *
 * {@snippet lang=shell :
 * java -jar weft-bench/target/weft-bench.jar RuntimeBench -prof dev.weft.bench.CpuTimeProfiler
 * }
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation (all threads) and average busy cores";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public List<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long ops = result.getMetadata().getAllOps(); // counts @OperationsPerInvocation, like -prof gc
        return List.of(
                new ScalarResult("cpu.time.norm", ops == 0 ? Double.NaN : (double) cpu / ops, "ns/op",
                        AggregationPolicy.AVG),
                new ScalarResult("cpu.cores", wall == 0 ? Double.NaN : (double) cpu / wall, "cores",
                        AggregationPolicy.AVG));
    }
}
