package dev.weft.net;

import static dev.weft.net.NetFixture.runtime;
import static dev.weft.net.TcpFaultsTest.pair;
import static dev.weft.net.TcpFaultsTest.reset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.io.IoFuture;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code read(buf).await()}, {@code write(buf).await()} and {@code writeAll(buf).await()} from a
 * coroutine: they poll the socket directly and wait without a future object, so their own
 * edge cases, faults and cancellation are checked here (the other socket tests mostly use
 * hand-written futures). Runs on whichever coroutine engine the suite's execution selects.
 */
@Timeout(60)
class StreamAwaitTest {

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void emptyBuffersCompleteAtOnceAndAFutureAwaitsOnlyOnce(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                try {
                    assertEquals(0, p[1].write(ByteBuffer.allocate(0)).await());
                    p[1].writeAll(ByteBuffer.allocate(0)).await();
                    assertEquals(0, p[0].read(ByteBuffer.allocate(0)).await(), "a full buffer reads 0 at once");
                    IoFuture<Integer> write = p[1].write(ByteBuffer.wrap(new byte[] {7}));
                    assertEquals(1, write.await());
                    assertThrows(IllegalStateException.class, write::await, "a write future awaited twice");
                    IoFuture<Integer> read = p[0].read(ByteBuffer.allocate(4));
                    assertEquals(1, read.await());
                    assertThrows(IllegalStateException.class, read::await, "a read future awaited twice");
                    return null;
                } finally {
                    p[0].close();
                    p[1].close();
                }
            }));
        }
    }

    /** 4 MB through a reader that takes 1 KB at a time: writeAll waits many times, loses nothing. */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void writeAllWaitsForASlowReaderAndEveryByteArrivesInOrder(boolean multiThread) throws Exception {
        int size = 4 << 20;
        try (Runtime rt = runtime(multiThread)) {
            long mismatches = rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                byte[] data = new byte[size];
                for (int i = 0; i < size; i++) {
                    data[i] = (byte) (i * 31 + (i >>> 10));
                }
                JoinHandle<Void> writer = Weft.spawn(() -> {
                    p[1].writeAll(ByteBuffer.wrap(data)).await();
                    p[1].shutdownOutput();
                    return null;
                });
                ByteBuffer small = ByteBuffer.allocate(1024);
                byte[] got = new byte[size];
                int at = 0;
                for (;;) {
                    small.clear();
                    int n = p[0].read(small).await();
                    if (n == Io.EOF) {
                        break;
                    }
                    small.flip();
                    small.get(got, at, n);
                    at += n;
                }
                writer.await();
                p[0].close();
                p[1].close();
                assertEquals(size, at);
                return Arrays.mismatch(data, got) < 0 ? 0L : 1L;
            }));
            assertEquals(0, mismatches);
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aPeerResetFailsAnAwaitedReadWithItsIoException(boolean multiThread) throws Exception {
        TcpFaultsTest.assertAPeerResetFailsAWaitingRead(multiThread, (s, buf) -> s.read(buf).await());
    }

    /** A write blocked on a full socket buffer fails when the peer resets. */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aPeerResetFailsAWaitingWriteAll(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            Throwable e = rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                JoinHandle<Void> writing = Weft.spawn(() -> p[1].writeAll(ByteBuffer.allocate(32 << 20)).await());
                Weft.sleep(Duration.ofMillis(20)).await(); // the socket buffers are full: writeAll waits
                reset(p[0]);
                try {
                    writing.await();
                    return new AssertionError("32 MB written to a reset peer");
                } catch (IOException expected) {
                    return expected;
                } finally {
                    p[1].close();
                }
            }));
            assertInstanceOf(IOException.class, e);
        }
    }

    /**
     * Aborting a coroutine that waits in a read ends it with the cancellation, and the stream
     * lost nothing: the bytes that come later go to the next read.
     */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void anAbortedReadAwaitLosesNoBytes(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            String next = rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                try {
                    JoinHandle<Integer> reading = Weft.spawn(() -> p[0].read(ByteBuffer.allocate(16)).await());
                    Weft.sleep(Duration.ofMillis(5)).await(); // the read is waiting
                    reading.abort();
                    JoinError err = assertThrows(JoinError.class, reading::await);
                    assertTrue(err.isAborted(), String.valueOf(err));
                    p[1].writeAll(ByteBuffer.wrap("after".getBytes())).await();
                    ByteBuffer buf = ByteBuffer.allocate(16);
                    while (buf.position() < 5) {
                        p[0].read(buf).await();
                    }
                    return new String(buf.array(), 0, buf.position());
                } finally {
                    p[0].close();
                    p[1].close();
                }
            }));
            assertEquals("after", next);
        }
    }

    /** Closing the stream under a waiting read fails that read; it does not hang. */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void closingTheStreamFailsAWaitingRead(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            Throwable e = rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                JoinHandle<Integer> reading = Weft.spawn(() -> p[0].read(ByteBuffer.allocate(16)).await());
                Weft.sleep(Duration.ofMillis(5)).await();
                p[0].close();
                try {
                    return new AssertionError("read " + reading.await());
                } catch (IOException expected) {
                    return expected;
                } finally {
                    p[1].close();
                }
            }));
            assertInstanceOf(IOException.class, e);
        }
    }

    /**
     * A stream re-arms its read future once the previous read completed or was cancelled (a loop
     * of reads allocates none), hands a second future to a read made while one is in flight, and
     * a cancelled read (a timeout's loser) loses no bytes to the re-armed one.
     */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aStreamReArmsItsReadFutureOnlyWhenThePreviousIsOver(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            rt.blockOn(Async.async(() -> {
                TcpStream[] p = pair();
                try {
                    IoFuture<Integer> first = p[0].read(ByteBuffer.allocate(8));
                    IoFuture<Integer> meanwhile = p[0].read(ByteBuffer.allocate(8));
                    assertTrue(first != meanwhile, "two reads in flight share no future");
                    meanwhile.cancel();
                    p[1].writeAll(ByteBuffer.wrap(new byte[] {1, 2, 3})).await();
                    assertEquals(3, first.await());
                    IoFuture<Integer> again = p[0].read(ByteBuffer.allocate(8));
                    assertTrue(again == first, "a completed read's future is re-armed");
                    try {
                        Time.timeout(Duration.ofMillis(5), again).await();
                        throw new AssertionError("nothing was written, yet the read completed");
                    } catch (Elapsed expected) {
                        // the timeout cancelled the read: the future is idle again
                    }
                    p[1].writeAll(ByteBuffer.wrap(new byte[] {4, 5})).await();
                    ByteBuffer got = ByteBuffer.allocate(8);
                    IoFuture<Integer> last = p[0].read(got);
                    assertTrue(last == first, "a cancelled read's future is re-armed");
                    assertEquals(2, last.await());
                    assertEquals(4, got.get(0), "the cancelled read took none of the bytes");
                    return null;
                } finally {
                    p[0].close();
                    p[1].close();
                }
            }));
        }
    }
}
