package dev.weft.io;

import static dev.weft.io.AsyncWriteTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Duplex streams driven by tasks and coroutines on both runtime flavors. */
class DuplexRuntimeTest {
    private final TestWaker cx = new TestWaker();

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void anEchoServerOverADuplex(boolean multi) throws Exception {
        try (Runtime rt = TestWaker.runtime(multi)) {
            var p = Io.duplex(16);
            var server = rt.spawn(Async.async(() -> {
                long n = Io.copy(p.b(), p.b()).await();
                p.b().shutdown().await(); // copy flushes at the end but does not half-close
                return n;
            }));
            String echoed = rt.blockOn(rt.spawn(Async.async(() -> {
                try (DuplexStream client = p.a()) {
                    var sb = new StringBuilder();
                    for (int i = 0; i < 50; i++) {
                        String msg = "message " + i + ";";
                        client.writeAll(bytes(msg)).await();
                        var buf = ByteBuffer.allocate(msg.length());
                        client.readExact(buf).await();
                        sb.append(new String(buf.array(), StandardCharsets.UTF_8));
                    }
                    client.shutdown().await();
                    assertEquals("", client.readToString().await());
                    return sb.toString();
                }
            })));
            assertTrue(echoed.startsWith("message 0;message 1;") && echoed.endsWith("message 49;"), echoed);
            long copied = rt.blockOn(server);
            assertEquals(echoed.length(), copied);
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aReadCancelledByATimeoutLosesNoBytes(boolean multi) throws Exception {
        try (Runtime rt = (multi ? Runtime.builder().multiThread().workerThreads(2) : Runtime.builder().currentThread())
                .enableTime().startPaused(true).build()) {
            var p = Io.duplex(64);
            String got = rt.blockOn(rt.spawn(Async.async(() -> {
                var buf = ByteBuffer.allocate(16);
                try {
                    Time.timeout(Duration.ofSeconds(5), p.b().read(buf)).await();
                    return "not timed out";
                } catch (Elapsed e) {
                    // the read was cancelled at its await point
                }
                p.a().writeAll(bytes("after")).await();
                int n = p.b().read(buf).await();
                return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
            })));
            assertEquals("after", got);
        }
    }

    @Test
    void aReaderThatIsAlwaysReadyStillYieldsThroughTheBudget() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            var p = Io.duplex(1 << 16);
            cx.ready(p.a().writeAll(ByteBuffer.allocate(10_000)));
            var otherRan = new AtomicBoolean();
            Future<Integer> spinner = new Future<>() {
                final ByteBuffer one = ByteBuffer.allocate(1);
                int read;

                @Override
                public Poll<Integer> poll(Context c) {
                    while (!otherRan.get() && read < 10_000) {
                        one.clear();
                        int n;
                        try {
                            n = p.b().pollRead(c, one);
                        } catch (IOException e) {
                            return Poll.failed(e);
                        }
                        if (n == Io.PENDING) {
                            return Poll.pending(); // only the budget can say so here
                        }
                        read += n;
                    }
                    return Poll.ready(read);
                }
            };
            var h = rt.spawn(spinner);
            rt.spawn(cx2 -> {
                otherRan.set(true);
                return Poll.ready(null);
            });
            int readBeforeTheOtherRan = rt.blockOn(h);
            assertTrue(readBeforeTheOtherRan < 10_000, "the other task ran only after " + readBeforeTheOtherRan);
            assertFalse(readBeforeTheOtherRan < 64, "read " + readBeforeTheOtherRan);
        }
    }
}
