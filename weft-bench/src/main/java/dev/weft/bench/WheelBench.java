package dev.weft.bench;

import dev.weft.time.Clock;
import dev.weft.time.wheel.TimeDriver;
import dev.weft.time.wheel.TimerEntry;
import dev.weft.time.wheel.Wheel;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Registering and cancelling one timer (the life of a timeout that does not expire), on an
 * otherwise empty timer and on one already holding {@code background} timers spread over
 * the same 100 s as the measured ones. Each operation is one insert plus one cancel of a
 * reused entry, so the figures show the cost of the structure alone (0 B/op where it
 * allocates nothing).
 *
 * <ul>
 *   <li>{@code wheel}: the raw single-threaded {@link Wheel}.</li>
 *   <li>{@code wheelReentrantLock}, {@code wheelSynchronized}: the same under each kind of
 *       lock, to choose the driver's.</li>
 *   <li>{@code timeDriver}: the real {@link TimeDriver} (lock, nanosecond-to-tick rounding,
 *       fired flag, published next deadline).</li>
 *   <li>Peers: {@code priorityQueue} ({@code add} + {@code remove(Object)}, a binary heap as in
 *       {@code DelayQueue}) and {@code scheduledExecutor}
 *       ({@code ScheduledThreadPoolExecutor.schedule} + {@code cancel}, remove-on-cancel).</li>
 * </ul>
 *
 * {@snippet lang=shell :
 * java -jar weft-bench/target/weft-bench.jar WheelBench -prof gc -f 1 -wi 3 -i 5
 * }
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WheelBench {
    private static final int OFFSETS = 1024;
    private static final long MS = 1_000_000L;

    /** Timers already registered when the measured one comes and goes. */
    @Param({"0", "10000"})
    public int background;

    private final long[] offsetsMs = new long[OFFSETS];
    private int next;

    private Wheel wheel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Object monitor = new Object();
    private TimeDriver driver;
    private long t0;
    private final Entry entry = new Entry();
    private PriorityQueue<Task> queue;
    private final Task task = new Task();
    private ScheduledThreadPoolExecutor executor;
    private final Runnable noop = () -> { };

    /** A timer entry that does nothing when fired. */
    static final class Entry extends TimerEntry {
        @Override
        protected void fire() {
        }
    }

    /** A heap element with its deadline. */
    static final class Task implements Comparable<Task> {
        long deadline;

        @Override
        public int compareTo(Task o) {
            return Long.compare(deadline, o.deadline);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < OFFSETS; i++) {
            offsetsMs[i] = 1 + rnd.nextLong(100_000); // up to 100 s: levels 0 to 2
        }
        wheel = new Wheel();
        Clock clock = Clock.paused();
        driver = new TimeDriver(clock);
        t0 = clock.nanoTime();
        queue = new PriorityQueue<>();
        executor = new ScheduledThreadPoolExecutor(1);
        executor.setRemoveOnCancelPolicy(true);
        for (int i = 0; i < background; i++) {
            long ms = 1 + rnd.nextLong(100_000); // the measured timers' distribution
            wheel.insert(new Entry(), ms);
            driver.insert(new Entry(), t0 + ms * MS);
            Task t = new Task();
            t.deadline = ms;
            queue.add(t);
            executor.schedule(noop, ms + 3_600_000, TimeUnit.MILLISECONDS); // shifted by 1 h: never due in a run
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.shutdownNow();
    }

    private long nextOffsetMs() {
        int i = next;
        next = (i + 1) & (OFFSETS - 1);
        return offsetsMs[i];
    }

    @Benchmark
    public void wheel() {
        wheel.insert(entry, nextOffsetMs());
        wheel.remove(entry);
    }

    @Benchmark
    public void wheelReentrantLock() {
        long when = nextOffsetMs();
        lock.lock();
        try {
            wheel.insert(entry, when);
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            wheel.remove(entry);
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public void wheelSynchronized() {
        long when = nextOffsetMs();
        synchronized (monitor) {
            wheel.insert(entry, when);
        }
        synchronized (monitor) {
            wheel.remove(entry);
        }
    }

    @Benchmark
    public void timeDriver() {
        driver.insert(entry, t0 + nextOffsetMs() * MS);
        driver.remove(entry);
    }

    @Benchmark
    public void priorityQueue() {
        task.deadline = nextOffsetMs();
        queue.add(task);
        queue.remove(task);
    }

    @Benchmark
    public boolean scheduledExecutor() {
        ScheduledFuture<?> f = executor.schedule(noop, 3_600_000 + nextOffsetMs(), TimeUnit.MILLISECONDS);
        return f.cancel(false);
    }
}
