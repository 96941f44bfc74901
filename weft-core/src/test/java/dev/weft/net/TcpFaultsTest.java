package dev.weft.net;

import static dev.weft.net.NetFixture.read;
import static dev.weft.net.NetFixture.readToEnd;
import static dev.weft.net.NetFixture.runtime;
import static dev.weft.net.NetFixture.utf8;
import static dev.weft.net.NetFixture.writeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpFaultsTest {

    /** A connected pair on the current runtime: {@code [server side, client side]}. */
    static TcpStream[] pair() throws Exception {
        try (TcpListener l = TcpListener.bind("127.0.0.1:0")) {
            var accepted = Weft.spawn(() -> l.accept().await());
            TcpStream client = TcpStream.connect(l.localAddress()).await();
            return new TcpStream[] {accepted.await(), client};
        }
    }

    static void reset(TcpStream s) throws IOException {
        s.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST instead of FIN
        s.close();
    }

    /** How a test reads: a hand-written future here, {@code read(buf).await()} in StreamAwaitTest. */
    interface Reader {
        int read(TcpStream s, ByteBuffer buf) throws IOException;
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aPeerResetFailsAWaitingRead(boolean multiThread) throws Exception {
        assertAPeerResetFailsAWaitingRead(multiThread, NetFixture::read);
    }

    static void assertAPeerResetFailsAWaitingRead(boolean multiThread, Reader reader) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            Throwable e = rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                JoinHandle<Integer> reading = Weft.spawn(() -> reader.read(p[0], ByteBuffer.allocate(16)));
                Weft.sleep(Duration.ofMillis(5)).await(); // the read is waiting
                reset(p[1]);
                try {
                    return new AssertionError("read " + reading.await());
                } catch (IOException expected) {
                    return expected;
                } finally {
                    p[0].close();
                }
            }));
            assertInstanceOf(IOException.class, e);
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aPeerResetFailsAWriterThatKeepsWriting(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            Throwable e = rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                reset(p[1]);
                try {
                    for (int i = 0; i < 10_000; i++) {
                        writeAll(p[0], ByteBuffer.allocate(1024));
                        Weft.yieldNow().await();
                    }
                    return new AssertionError("10 MB written to a reset peer");
                } catch (IOException expected) {
                    return expected;
                } finally {
                    p[0].close();
                }
            }));
            assertTrue(e.getMessage().contains("reset") || e.getMessage().contains("Broken pipe"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void halfCloseFromEitherSideLetsTheOtherDirectionGoOn(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            String got = rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                p[1].shutdownOutput(); // client: no more requests
                assertEquals(Io.EOF, read(p[0], ByteBuffer.allocate(4)));
                writeAll(p[0], utf8("still talking"));
                p[0].shutdownOutput();
                String s = readToEnd(p[1]);
                p[0].close();
                p[1].close();
                return s;
            }));
            assertEquals("still talking", got);
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void closingWakesAWaitingReadWhichFailsAndLaterCallsFail(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                JoinHandle<Integer> reading = Weft.spawn(() -> read(p[0], ByteBuffer.allocate(16)));
                Weft.sleep(Duration.ofMillis(5)).await();
                p[0].close();
                assertThrows(ClosedChannelException.class, reading::await);
                assertThrows(ClosedChannelException.class, () -> read(p[0], ByteBuffer.allocate(1)));
                assertThrows(ClosedChannelException.class, () -> p[0].shutdownOutput());
                assertTrue(p[0].isClosed());
                p[1].close();
                return null;
            }));
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aCancelledReadLosesNoBytes(boolean multiThread) throws Exception {
        var b = Runtime.builder().enableAll().startPaused(true);
        try (Runtime rt = (multiThread ? b.workerThreads(2) : b.currentThread()).build()) {
            String got = rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                ByteBuffer buf = ByteBuffer.allocate(64);
                assertThrows(dev.weft.time.Elapsed.class,
                        () -> Weft.timeout(Duration.ofSeconds(1), p[0].read(buf)).await());
                writeAll(p[1], utf8("nothing lost"));
                p[1].shutdownOutput();
                String s = readToEnd(p[0]);
                p[0].close();
                p[1].close();
                return s;
            }));
            assertEquals("nothing lost", got);
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aPeerThatNeverReadsMakesWritesWaitInsteadOfBuffering(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            long written = rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
                long total = 0;
                for (;;) {
                    chunk.clear();
                    IoProbe probe = new IoProbe();
                    int n = p[0].pollWrite(probe, chunk);
                    if (n == Io.PENDING) {
                        break; // the socket buffers are full: the write waits for the peer
                    }
                    total += n;
                    assertTrue(total < 64L * 1024 * 1024, "64 MiB accepted by a peer that never reads");
                }
                p[0].close();
                p[1].close();
                return total;
            }));
            assertTrue(written > 0, "wrote " + written);
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aSlowPeerRunsIntoTheReadTimeoutAndTheConnectionClosesCleanly(boolean multiThread) throws Exception {
        var b = Runtime.builder().enableAll().startPaused(true);
        try (Runtime rt = (multiThread ? b.workerThreads(2) : b.currentThread()).build()) {
            rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                JoinHandle<Void> trickle = Weft.spawn(() -> {
                    for (int i = 0; i < 100; i++) {
                        writeAll(p[1], utf8("x"));
                        Weft.sleep(Duration.ofSeconds(1)).await(); // one byte a second
                    }
                    return null;
                });
                ByteBuffer want = ByteBuffer.allocate(10);
                assertThrows(dev.weft.time.Elapsed.class, () -> Weft.timeout(Duration.ofMillis(3500),
                        Async.async(() -> {
                            while (want.hasRemaining()) {
                                read(p[0], want);
                            }
                            return null;
                        })).await());
                assertTrue(want.position() >= 3 && want.position() <= 4, "read " + want.position());
                p[0].close();
                trickle.abort();
                p[1].close();
                assertTrue(p[0].isClosed() && p[1].isClosed());
                return null;
            }));
        }
    }

    @Test
    void badArgumentsAreNamed() throws Exception {
        try (Runtime rt = runtime(false)) {
            rt.blockOn(Async.async(() -> {
                var e = assertThrows(IllegalArgumentException.class, () -> TcpListener.bind("nonsense"));
                assertTrue(e.getMessage().startsWith("hostPort must be host:port"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> TcpStream.connect("host:99999"));
                assertThrows(IllegalArgumentException.class, () -> TcpStream.connect("::1:80"));
                assertThrows(IllegalArgumentException.class, () -> TcpStream.connect((java.net.SocketAddress) null));
                return null;
            }));
        }
    }

    @Test
    void withoutARuntimeOrWithoutIoTheMessageNamesTheFix() throws Exception {
        var e = assertThrows(IllegalStateException.class, () -> TcpListener.bind("127.0.0.1:0"));
        assertTrue(e.getMessage().contains("Weft.run"), e.getMessage());
        try (Runtime rt = Runtime.builder().currentThread().enableTime().build()) {
            var e2 = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(Async.async(() -> TcpListener.bind("127.0.0.1:0"))));
            assertTrue(e2.getMessage().contains("enableIo()"), e2.getMessage());
        }
    }

    @Test
    void shuttingTheRuntimeDownFailsSocketsStillOpen() throws Exception {
        TcpStream[] p;
        try (Runtime rt = runtime(false)) {
            p = rt.blockOn(Async.async(TcpFaultsTest::pair));
        }
        var e = assertThrows(IOException.class, () -> p[0].pollRead(new IoProbe(), ByteBuffer.allocate(1)));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
    }

    /** A context whose waker only counts. */
    static final class IoProbe implements dev.weft.future.Context, dev.weft.future.Waker {
        int wakes;

        @Override
        public dev.weft.future.Waker waker() {
            return this;
        }

        @Override
        public void wake() {
            wakes++;
        }
    }
}
