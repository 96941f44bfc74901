package dev.weft.time.wheel;

import dev.weft.time.Clock;
import java.time.Duration;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the driver's insert, remove, size, next deadline and processing of
 * expired entries, over three entries and deadlines of 1 to 3 ms on a paused clock.
 */
@Tag("lincheck")
@Param(name = "entry", gen = IntGen.class, conf = "0:2")
@Param(name = "ms", gen = IntGen.class, conf = "1:3")
public class TimeDriverLincheckTest {
    private static final long MS = 1_000_000L;

    private final Clock clock = Clock.paused();
    private final long t0 = clock.nanoTime();
    private final TimeDriver driver = new TimeDriver(clock);
    private final TestEntry[] entries = {new TestEntry("a"), new TestEntry("b"), new TestEntry("c")};

    @Operation
    public void insert(@Param(name = "entry") int entry, @Param(name = "ms") int ms) {
        driver.insert(entries[entry], t0 + ms * MS);
    }

    @Operation
    public void remove(@Param(name = "entry") int entry) {
        driver.remove(entries[entry]);
    }

    @Operation
    public int size() {
        return driver.size();
    }

    /** @return the next deadline in ms after t0, or -1 for none */
    @Operation
    public long nextDeadlineMs() {
        long next = driver.nextDeadline();
        return next == Long.MAX_VALUE ? -1 : (next - t0) / MS;
    }

    /** Moves time on by 1 ms and fires what is due; returns how many fired. */
    @Operation(nonParallelGroup = "clock")
    public int tick() {
        clock.advance(Duration.ofMillis(1));
        return driver.processExpired();
    }

    @Operation
    public boolean fired(@Param(name = "entry") int entry) {
        return entries[entry].fired();
    }

    @Test
    void model_checking() {
        new ModelCheckingOptions().iterations(10).invocationsPerIteration(100)
                .threads(2).actorsPerThread(3).check(getClass());
    }

    @Test
    void stress() {
        new StressOptions().iterations(30).invocationsPerIteration(1000)
                .threads(3).actorsPerThread(3).check(getClass());
    }
}
