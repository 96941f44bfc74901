package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.future.Selected;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.Mpsc;
import dev.weft.test.WeftTest.Flavor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.PreconditionViolationException;
import org.opentest4j.AssertionFailedError;

/** {@code @WeftTest(deterministic = true, seed, seeds)} and {@link Seeds}. */
class DeterministicWeftTestTest {
    static final List<Long> SEEDS_SEEN = Collections.synchronizedList(new ArrayList<>());
    static final Set<Handle> HANDLES = Collections.synchronizedSet(new HashSet<>());

    @BeforeEach
    void forget() {
        SEEDS_SEEN.clear();
        HANDLES.clear();
    }

    static class Samples {
        @WeftTest(deterministic = true, seed = 0x2aL, seeds = 5)
        void runsOncePerSeedOnAFreshRuntime(Handle handle) {
            assertEquals(Handle.current(), handle, "the parameter is this run's runtime");
            SEEDS_SEEN.add(handle.seed().orElseThrow());
            HANDLES.add(handle);
        }

        @WeftTest(deterministic = true, seed = 0x1234abcdL, seeds = 10)
        void failsUnderTheFourthSeed(Handle handle) {
            long seed = handle.seed().orElseThrow();
            SEEDS_SEEN.add(seed);
            assertEquals(0, seed - 0x1234abcdL == 3 ? 1 : 0, "boom");
        }

        @WeftTest(deterministic = true, seeds = 3)
        void hasARandomFirstSeed(Handle handle) {
            SEEDS_SEEN.add(handle.seed().orElseThrow());
        }

        @WeftTest(deterministic = true, flavor = Flavor.MULTI_THREAD)
        void asksForTwoFlavors() {
        }

        @WeftTest(deterministic = true, seeds = 200)
        void cancelledRecvLosesNothing() throws Exception {
            var ch = Mpsc.<Integer>bounded(1);
            JoinHandle<Void> tx = Weft.spawn(() -> {
                ch.sender().send(1).await();
                ch.sender().close();
                return null;
            });
            Selected<Object> won = Weft.<Object>select(ch.receiver().recv(), Weft.yieldNow()).await(); // may cancel the recv
            Object got = won.index() == 0 ? won.value() : ch.receiver().recv().await();
            assertEquals(Optional.of(1), got, "the message was not lost");
            tx.await();
        }
    }

    @Test
    void eachSeedRunsOnItsOwnDeterministicRuntime() {
        Kit.assertPasses(Samples.class, "runsOncePerSeedOnAFreshRuntime");
        assertEquals(List.of(0x2aL, 0x2bL, 0x2cL, 0x2dL, 0x2eL), SEEDS_SEEN);
        assertEquals(5, HANDLES.size(), "a fresh runtime per seed");
    }

    @Test
    void aFailingRunNamesItsSeedAndHowToReplayIt() {
        Throwable t = Kit.failureOf(Samples.class, "failsUnderTheFourthSeed");
        AssertionFailedError e = assertInstanceOf(AssertionFailedError.class, t, "expected/actual kept");
        assertTrue(e.getMessage().startsWith("seed 0x1234abd0 (run 4 of 10): rerun with "
                + "@WeftTest(deterministic = true, seed = 0x1234abd0L): boom"), e.getMessage());
        assertEquals(4, SEEDS_SEEN.size(), "stops at the first failure");
    }

    @Test
    void theFirstSeedIsRandomUnlessGiven() {
        Kit.assertPasses(Samples.class, "hasARandomFirstSeed");
        long first = SEEDS_SEEN.getFirst();
        assertEquals(List.of(first, first + 1, first + 2), SEEDS_SEEN);
    }

    @Test
    void deterministicRefusesTheMultiThreadFlavor() {
        Throwable t = Kit.failureOf(Samples.class, "asksForTwoFlavors");
        assertInstanceOf(PreconditionViolationException.class, t);
        assertTrue(t.getMessage().contains("flavor = MULTI_THREAD"), t.getMessage());
    }

    @Test
    void aScenarioUnderManySeeds() {
        Kit.assertPasses(Samples.class, "cancelledRecvLosesNothing");
    }

    @Test
    void seedsNamesTheFailingSeed() {
        AssertionError e = assertThrows(AssertionError.class, () -> Seeds.onRuntimes(100, 7L, (rt, seed) -> {
            assertEquals(seed, rt.seed().orElseThrow());
            if (seed == 42) {
                throw new IllegalStateException("bad interleaving");
            }
        }));
        assertTrue(e.getMessage().startsWith("seed 0x2a (run 36 of 100): rerun with Seeds.onRuntimes(1, 0x2aL, ...): "
                + "bad interleaving"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertThrows(IllegalArgumentException.class, () -> Seeds.forEach(0, 0L, s -> { }));
    }
}
