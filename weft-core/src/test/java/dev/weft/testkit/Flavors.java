package dev.weft.testkit;

import dev.weft.runtime.Runtime;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The runtime flavors a test can be run on, each a named factory: for tests that must hold on
 * every flavor (lifecycle, cancellation). Plug into a parameterized test:
 *
 * {@snippet :
 * @ParameterizedTest
 * @MethodSource("dev.weft.testkit.Flavors#all")
 * void abortEndsTheTask(Flavors.Flavor flavor) throws Exception {
 *     try (Runtime rt = flavor.build()) { ... }
 * }
 * }
 */
public final class Flavors {
    /** The seeds {@link #all()} includes deterministic runtimes for. */
    public static final List<Long> DEFAULT_SEEDS = List.of(0L, 1L, 0xC0FFEEL);

    private Flavors() {
    }

    /**
     * A runtime flavor: its name (shown by JUnit) and how to build one.
     *
     * @param name e.g. {@code deterministic(0x2a)}
     * @param factory builds a fresh runtime each call
     */
    public record Flavor(String name, Supplier<Runtime> factory) {
        /** @return a fresh runtime of this flavor */
        public Runtime build() {
            return factory.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** @return current-thread (paused clock) */
    public static Flavor currentThread() {
        return new Flavor("current-thread", TestWaker::currentThread);
    }

    /** @return multi-thread, 2 workers, system clock */
    public static Flavor multiThread() {
        return new Flavor("multi-thread(2)", TestWaker::multiThread);
    }

    /**
     * @param seed the seed
     * @return deterministic (one thread, paused clock, seeded order), without MXBean or watchdog
     */
    public static Flavor deterministic(long seed) {
        return new Flavor("deterministic(0x" + Long.toHexString(seed) + ")", () -> Seeded.runtime(seed));
    }

    /** @return current-thread, multi-thread, and deterministic under {@link #DEFAULT_SEEDS} */
    public static Stream<Flavor> all() {
        return Stream.concat(Stream.of(currentThread(), multiThread()),
                DEFAULT_SEEDS.stream().map(Flavors::deterministic));
    }
}
