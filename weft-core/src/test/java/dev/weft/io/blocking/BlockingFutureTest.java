package dev.weft.io.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.runtime.Runtime;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BlockingFutureTest {

    @Test
    void theValueOrTheExceptionAsItIs() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            assertEquals("v", rt.blockOn(BlockingFuture.of(() -> "v")));
            IOException e = new IOException("boom");
            assertSame(e, assertThrows(IOException.class, () -> rt.blockOn(BlockingFuture.<String>of(() -> {
                throw e;
            }))));
            var f = BlockingFuture.of(() -> 1);
            rt.blockOn(f);
            assertThrows(IllegalStateException.class, () -> PollIo.call(rt, new PollIo.Wakes(), f::poll));
        }
    }

    @Test
    void aValueMadeForACancelledFutureIsDiscardedNotLeaked() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            List<String> discarded = new CopyOnWriteArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            // cancelled after the call made its value: cancel() discards it
            var f = BlockingFuture.of(() -> {
                go.await(10, TimeUnit.SECONDS);
                return "file";
            }, discarded::add);
            var cx = new PollIo.Wakes();
            assertTrue(PollIo.call(rt, cx, f::poll) instanceof Poll.Pending);
            go.countDown();
            cx.awaitWake(); // the value is made, nobody took it
            f.cancel();
            assertEquals(List.of("file"), discarded);

            // cancelled while the call runs: the call discards its own value when it ends
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            var g = BlockingFuture.of(() -> {
                running.countDown();
                finish.await(10, TimeUnit.SECONDS);
                return "other";
            }, discarded::add);
            assertTrue(PollIo.call(rt, cx, g::poll) instanceof Poll.Pending);
            assertTrue(running.await(10, TimeUnit.SECONDS));
            g.cancel();
            finish.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (discarded.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(List.of("file", "other"), discarded);
        }
    }

    @Test
    void badArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> BlockingFuture.of(null));
        assertTrue(e.getMessage().startsWith("body"));
        e = assertThrows(IllegalArgumentException.class, () -> BlockingFuture.of(() -> 1, null));
        assertTrue(e.getMessage().startsWith("discard"));
    }
}
