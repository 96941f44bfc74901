package dev.weft.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Outcome;
import dev.weft.io.Io;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.IoDriver;
import dev.weft.runtime.JoinSet;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.Modes;
import dev.weft.time.Time;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Javadoc examples that need no network port, signal or long wait, so an example is
 * not only compiled but also does what its comments say. Timers run on a paused clock.
 */
@Timeout(60)
class SnippetsTest {

    /** Runs {@code body} as a coroutine on a current-thread runtime whose clock is paused. */
    private static <T> T paused(Callable<T> body) throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().enableAll().startPaused(true).build()) {
            return rt.blockOn(Async.async(body));
        }
    }

    @Test
    void weft() throws Exception {
        WeftSnippets.packageInfo();
        WeftSnippets.Main.main(new String[0]);
        assertEquals("user 42", WeftSnippets.spawnNamed());
        assertEquals("done", WeftSnippets.spawnVoid());
        WeftSnippets.spawnBlocking();
        assertEquals("auth responded after 5ms", paused(() -> WeftSnippets.call("auth", 5).await()));
    }

    @Test
    void blockInPlace(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "12345");
        assertEquals(5, WeftSnippets.blockInPlace(file));
        assertEquals("12345", Weft.run(() -> HandleSnippets.spawnBlocking(file)));
    }

    @Test
    void spawnLocalNeedsCoroutinesOnTheSetsThread() throws Exception {
        assumeTrue(Modes.current() == CoroutineMode.WEFT_SCHEDULER, "LocalSet runs coroutines only on Weft's scheduler");
        assertEquals(1, WeftSnippets.spawnLocal());
    }

    @Test
    void taskTracker() throws Exception {
        assertEquals(3, paused(() -> TaskTrackerSnippets.taskTracker(List.of("a", "b", "c"))));
    }

    @Test
    void futures() throws Exception {
        assertEquals(5, FutureSnippets.packageInfo());
        assertEquals("stop", FutureSnippets.selectBiased(Futures.ready("stop"), Futures.ready("work")));
        assertEquals(List.of(1, 2), Weft.run(() -> FutureSnippets.join(List.of(Weft.spawn(() -> 1), Weft.spawn(() -> 2)))));
        dev.weft.sync.Mpsc.Channel<String> ch = dev.weft.sync.Mpsc.unbounded();
        Weft.run(() -> {
            FutureSnippets.uncheckedFuture(ch.sender(), List.of("a", "b"));
            return null;
        });
        ch.sender().close();
        assertEquals(List.of("a", "b", "last"), Futures.blockOn(ch.receiver().collect()));
    }

    @Test
    void runtime() throws Exception {
        RuntimeSnippets.packageInfo();
        RuntimeSnippets.runtime();
        RuntimeSnippets.spawnBlocking();
        try (Runtime rt = RuntimeSnippets.builder()) {
            assertTrue(rt.handle().coroutineMode() != null);
        }
        try (Runtime rt = RuntimeSnippets.builderBlockingPool()) {
            assertTrue(rt.metrics().workerCount() > 0);
        }
        RuntimeSnippets.deterministic();
        RuntimeSnippets.threadPerCore();
    }

    @Test
    void coroutineMode() throws Exception {
        try (Runtime probe = Runtime.builder().coroutineMode(CoroutineMode.CONTINUATION).build()) {
            assertEquals(CoroutineMode.CONTINUATION, probe.handle().coroutineMode());
        } catch (IllegalArgumentException noFlag) {
            assumeTrue(false, "this JVM cannot run the continuation engine: " + noFlag.getMessage());
        }
        assertEquals("no thread per coroutine", RuntimeSnippets.coroutineMode());
    }

    @Test
    void ioDriver() throws Exception {
        assumeTrue(IoDriver.EPOLL.isAvailable(), () -> IoDriver.EPOLL.unavailableReason().orElse(""));
        RuntimeSnippets.ioDriver();
    }

    @Test
    void handle() throws Exception {
        assertEquals("1 user 42", Weft.run(HandleSnippets::handle));
        try (Runtime rt = Runtime.builder().deterministic(7).build()) {
            rt.blockOn(Async.async(() -> {
                HandleSnippets.seed();
                return null;
            }));
        }
        try (Runtime rt = Runtime.builder().enableAll().build()) {
            assertEquals(42, HandleSnippets.executor(rt));
        }
        HandleSnippets.dumpTasks();
    }

    @Test
    void joinSet() throws Exception {
        paused(() -> {
            JoinSetSnippets.joinSet(List.of("a", "bb", "ccc"));
            return null;
        });
        assertEquals(List.of("fetch a: <html>a</html>", "fetch bb: <html>bb</html>"),
                paused(() -> JoinSetSnippets.joinNextWithId(List.of("bb", "a"))));
        assertEquals("done", paused(JoinSetSnippets::spawn));
        assertEquals(3, paused(() -> JoinSetSnippets.spawnVoid(List.of("a", "b", "c"))));
        paused(() -> {
            try (JoinSet<Integer> ints = new JoinSet<>(); JoinSet<String> strings = new JoinSet<>()) {
                ints.spawn(Futures.ready(1));
                assertEquals(Optional.of(1), JoinSetSnippets.joinNext(ints));
                strings.spawn(Futures.failed(new IllegalStateException("down")));
                Optional<Outcome<String>> failed = JoinSetSnippets.joinNextOutcome(strings);
                assertTrue(failed.isPresent() && !failed.get().isSuccess());
                strings.spawn(Futures.ready("x"));
                Time.sleep(Duration.ofMillis(1)).await(); // the task has finished
                assertEquals(1, JoinSetSnippets.tryJoinNext(strings).size());
                strings.spawn(Futures.ready("y"));
                assertEquals(List.of("y"), JoinSetSnippets.joinAll(strings));
                strings.spawn(() -> Time.sleep(Duration.ofDays(1)).map(v -> "never").await());
                JoinSetSnippets.shutdown(strings);
                assertTrue(strings.isEmpty());
            }
            return null;
        });
    }

    @Test
    void streams() throws Exception {
        assertEquals(List.of("fast", "slow"), paused(StreamSnippets::futuresUnordered));
        assertEquals(List.of(3000, 1000, 2000), paused(StreamSnippets::mapAsync));
        assertEquals(List.of("click", "tick", "scroll"), paused(StreamSnippets::merge));
        assertEquals("peer silent: no item within 5.0 s", paused(() -> StreamSnippets.timeoutEach(
                Stream.merge(Stream.of("a"), Stream.pollFn(cx -> Poll.pending())))));
        assertEquals(List.of(List.of(1, 2, 3)), paused(() -> StreamSnippets.chunksTimeout(
                Stream.of(1, 2, 3))));
    }

    @Test
    void time() throws Exception {
        int[] calls = {0};
        TimeSnippets.Client client = request -> Async.async(() -> {
            Time.sleep(Duration.ofMillis(++calls[0] == 1 ? 500 : 10)).await();   // the first attempt is too slow
            return "reply to " + request;
        });
        assertEquals("reply to ping", paused(() -> TimeSnippets.packageInfo(client, "ping")));
        assertEquals(2, calls[0]);
        assertEquals("42, to why", paused(() -> TimeSnippets.time("why")));
        paused(() -> {
            var start = Time.now();
            TimeSnippets.sleepReset();
            assertEquals(Duration.ofMillis(300), Duration.between(start, Time.now()));
            return null;
        });
    }

    @Test
    void sync() throws Exception {
        assertEquals("u", paused(() -> SyncSnippets.packageInfo("u")));
        paused(() -> {
            SyncSnippets.mpsc(List.of("one", "two", "three"));
            return null;
        });
    }

    @Test
    void io() throws Exception {
        String echoed = paused(() -> {
            Io.DuplexPair pair = Io.duplex(64);
            Weft.spawn(() -> {
                IoSnippets.echo(pair.a());
                pair.a().shutdown().await(); // the echo is over: the other end sees its end
                return null;
            });
            pair.b().writeAll(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8))).await();
            pair.b().shutdown().await();
            return pair.b().readToString().await();
        });
        assertEquals("hello", echoed);
    }

    @Test
    void fsProcessCompat() throws Exception {
        FsSnippets.packageInfo();
        ProcessSnippets.packageInfo();
        CompatSnippets.packageInfo();
    }
}
