package dev.weft.runtime;

import static dev.weft.runtime.BlockingTest.newRuntime;
import static dev.weft.runtime.BlockingTest.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Bad input to spawnBlocking/blockInPlace, and the blocking-pool settings of the builder. */
class BlockingConfigTest {

    @Test
    void aNullBodyIsRejectedByName() throws Exception {
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> Weft.spawnBlocking((Callable<Object>) null));
        assertTrue(outside.getMessage().contains("body"), outside.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Weft.blockInPlace(null)).getMessage().contains("body"));
        try (Runtime rt = newRuntime()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> rt.spawnBlocking((Callable<Object>) null)).getMessage().contains("body"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> rt.handle().spawnBlocking((Callable<Object>) null)).getMessage().contains("body"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> rt.blockOn(dev.weft.Async.async(() -> Weft.blockInPlace(null)))).getMessage().contains("body"));
            assertEquals(0, pool(rt).inFlight());
        }
    }

    @Test
    void weftSpawnBlockingOutsideARuntimeSaysHowToFixIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Weft.spawnBlocking(() -> 1));
        assertTrue(e.getMessage().contains("Weft.spawnBlocking"), e.getMessage());
        assertTrue(e.getMessage().contains("Weft.run"), e.getMessage());
    }

    @Test
    void theBuilderRejectsBadBlockingSettingsByName() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Runtime.builder().maxBlockingThreads(0));
        assertTrue(zero.getMessage().contains("maxBlockingThreads") && zero.getMessage().contains("0"), zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Runtime.builder().threadKeepAlive(Duration.ofSeconds(-1)));
        assertTrue(negative.getMessage().contains("threadKeepAlive") && negative.getMessage().contains("-1"),
                negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().threadKeepAlive(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Runtime.builder().blockingPool(null))
                .getMessage().contains("pool"));
        IllegalArgumentException max = assertThrows(IllegalArgumentException.class, () -> BlockingPool.platform(-3));
        assertTrue(max.getMessage().contains("maxThreads") && max.getMessage().contains("-3"), max.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BlockingPool.platform(1, null))
                .getMessage().contains("keepAlive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BlockingPool.platform(1, Duration.ofMillis(-1)))
                .getMessage().contains("keepAlive"));
        IllegalStateException keepAliveAlone = assertThrows(IllegalStateException.class,
                () -> Runtime.builder().threadKeepAlive(Duration.ofSeconds(1)).build());
        assertTrue(keepAliveAlone.getMessage().contains("maxBlockingThreads"), keepAliveAlone.getMessage());
    }

    @Test
    void maxBlockingThreadsAndThreadKeepAliveCombineInEitherOrder() throws Exception {
        BlockingPool expected = BlockingPool.platform(3, Duration.ofSeconds(5));
        try (Runtime a = Runtime.builder().maxBlockingThreads(3).threadKeepAlive(Duration.ofSeconds(5)).build();
                Runtime b = Runtime.builder().threadKeepAlive(Duration.ofSeconds(5)).maxBlockingThreads(3).build();
                Runtime c = Runtime.builder().blockingPool(expected).build();
                Runtime d = Runtime.builder().maxBlockingThreads(3).build();
                Runtime e = Runtime.builder().maxBlockingThreads(3).blockingPool(BlockingPool.virtualThreads()).build();
                Runtime f = Runtime.builder().blockingPool(expected).threadKeepAlive(Duration.ZERO).build()) {
            assertEquals(expected, pool(a).config());
            assertEquals(expected, pool(b).config());
            assertEquals(expected, pool(c).config());
            assertEquals(BlockingPool.platform(3, BlockingPool.DEFAULT_KEEP_ALIVE), pool(d).config());
            assertEquals(BlockingPool.virtualThreads(), pool(e).config());
            assertEquals(BlockingPool.platform(3, Duration.ZERO), pool(f).config());
        }
    }

    @Test
    void blockingPoolDescribesItself() {
        BlockingPool v = BlockingPool.virtualThreads();
        assertTrue(v.isVirtual());
        assertEquals(0, v.maxThreads());
        BlockingPool p = BlockingPool.platform(4);
        assertFalse(p.isVirtual());
        assertEquals(4, p.maxThreads());
        assertEquals(BlockingPool.DEFAULT_KEEP_ALIVE, p.keepAlive());
        assertEquals(p, BlockingPool.platform(4, Duration.ofSeconds(10)));
        assertEquals(p.hashCode(), BlockingPool.platform(4, Duration.ofSeconds(10)).hashCode());
        assertTrue(p.toString().contains("maxThreads=4"), p.toString());
        assertTrue(v.toString().contains("virtual"), v.toString());
    }
}
