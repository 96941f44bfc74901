package dev.weft.io.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import dev.weft.runtime.IoDriver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The epoll driver below the runtime: one thread drives it with {@code turn}, a counting waker
 * stands for a task. Skipped where epoll cannot run (another OS, or the JVM lacks the flags).
 */
class EpollReactorTest {
    private Reactor io;
    private ServerSocketChannel server;

    @BeforeEach
    void open() throws IOException {
        assumeTrue(IoDriver.EPOLL.isAvailable(), () -> IoDriver.EPOLL.unavailableReason().orElseThrow());
        io = Reactor.openEpoll(null);
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() throws IOException {
        if (io != null) {
            io.close();
            server.close();
        }
    }

    /** {@code [ours (registered), peer (blocking, plain NIO)]}. */
    private Object[] pair() throws IOException {
        SocketChannel peer = SocketChannel.open(server.getLocalAddress());
        SocketChannel ours = server.accept();
        Registration reg = io.register(ours, SelectionKey.OP_READ, SelectionKey.OP_WRITE);
        return new Object[] {reg, peer};
    }

    /** Turns the driver until {@code done} holds; the bound only turns a hang into a failure. */
    private void turnUntil(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "never happened: " + what);
            io.turn(10_000_000);
        }
    }

    /**
     * Data and the peer's close arrive together and the driver reports them before the read: the
     * short read clears READ, and the next read must still reach the end of the stream (an
     * edge-triggered driver reports the close only once).
     */
    @Test
    void aShortReadBeforeTheEndStillReachesTheEnd() throws Exception {
        Object[] p = pair();
        Registration reg = (Registration) p[0];
        SocketChannel peer = (SocketChannel) p[1];
        peer.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        peer.shutdownOutput();
        turnUntil(() -> (reg.readiness() & Registration.READ_CLOSED) != 0, "the peer's close reported");
        Probe cx = new Probe();
        ByteBuffer dst = ByteBuffer.allocate(16);
        assertEquals(3, read(reg, cx, dst), "the bytes");
        assertEquals(-1, read(reg, cx, dst), "the end, without another event");
        assertEquals(0, cx.wakes);
        peer.close();
        reg.close();
    }

    /** One pass of SocketIo's read loop: bytes, -1 at the end, or -2 for pending. */
    private static int read(Registration reg, Context cx, ByteBuffer dst) throws IOException {
        for (;;) {
            int r = reg.readiness();
            if (!reg.ready(cx, Registration.READ, r)) {
                return -2;
            }
            int room = dst.remaining();
            int n = reg.read(dst);
            if (n != 0) {
                if (n > 0 && n < room) {
                    reg.clearIfUnchanged(Registration.READ, r);
                }
                return n;
            }
            if (!reg.clearReadiness(cx, Registration.READ, r)) {
                return -2;
            }
        }
    }

    @Test
    void aWaitingReaderIsWokenOnceByNewBytesAndReadsThem() throws Exception {
        Object[] p = pair();
        Registration reg = (Registration) p[0];
        SocketChannel peer = (SocketChannel) p[1];
        Probe cx = new Probe();
        ByteBuffer dst = ByteBuffer.allocateDirect(8);
        assertEquals(-2, read(reg, cx, dst), "nothing yet: pending");
        peer.write(ByteBuffer.wrap(new byte[] {42}));
        turnUntil(() -> cx.wakes > 0, "the reader woken");
        assertEquals(1, read(reg, cx, dst));
        assertEquals(42, dst.get(0));
        assertEquals(-2, read(reg, cx, dst), "drained: pending again");
        assertEquals(1, cx.wakes);
        peer.close();
        reg.close();
    }

    /**
     * A closed registration's descriptor leaves epoll and the table before the channel closes
     * it: a new channel that gets the same number gets its own events, not the old one's.
     */
    @Test
    void closingReleasesTheDescriptorAndAReusedNumberGetsOnlyItsOwnEvents() throws Exception {
        Object[] first = pair();
        Registration old = (Registration) first[0];
        Probe oldCx = new Probe();
        assertEquals(-2, read(old, oldCx, ByteBuffer.allocate(4)));
        old.close();
        assertEquals(1, oldCx.wakes, "the close wakes the waiting reader (to fail)");
        assertFalse(old.channel().isOpen(), "closed at once: no call was in flight");
        assertEquals(0, io.registrations());
        assertThrows(ClosedChannelException.class, () -> old.read(ByteBuffer.allocate(4)));
        ((SocketChannel) first[1]).close();
        Object[] second = pair(); // most likely the same descriptor number
        Registration reg = (Registration) second[0];
        Probe cx = new Probe();
        assertEquals(-2, read(reg, cx, ByteBuffer.allocate(4)));
        ((SocketChannel) second[1]).write(ByteBuffer.wrap(new byte[] {7}));
        turnUntil(() -> cx.wakes > 0, "the new reader woken");
        assertEquals(1, oldCx.wakes, "nothing more for the closed registration");
        reg.close();
        ((SocketChannel) second[1]).close();
    }

    @Test
    void shuttingDownClosesEveryRegistrationEvenOnesThatNeverWaited() throws Exception {
        Object[] p = pair();
        Registration reg = (Registration) p[0];
        io.close();
        assertTrue(reg.isClosed());
        assertFalse(reg.channel().isOpen());
        var e = assertThrows(IOException.class, () -> reg.ready(new Probe(), Registration.READ, reg.readiness()));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        assertEquals(0, io.turn(1_000_000), "a closed driver does nothing");
        io.wakeup(); // and a wake-up is harmless
        ((SocketChannel) p[1]).close();
    }

    @Test
    void aWakeUpEndsABlockedTurnAndIsCountedOnce() throws Exception {
        io.wakeup();
        io.wakeup();
        assertEquals(1, io.turn(-1), "returns at once, one wake-up read");
        int[] got = {-1};
        Thread driver = Thread.ofPlatform().start(() -> got[0] = io.turn(60_000_000_000L));
        while (driver.isAlive() && !inEpollWait(driver)) {
            Thread.onSpinWait();
        }
        io.wakeup();
        driver.join();
        assertEquals(1, got[0], "the blocked turn returned for the wake-up, not at its timeout");
    }

    /** Whether {@code driver} has reached epoll_wait (its stack shows where it is). */
    private static boolean inEpollWait(Thread driver) {
        for (StackTraceElement e : driver.getStackTrace()) {
            if (e.getMethodName().equals("epollWait")) {
                return true;
            }
        }
        return false;
    }

    /** A context whose waker only counts. */
    static final class Probe implements Context, Waker {
        volatile int wakes;

        @Override
        public Waker waker() {
            return this;
        }

        @Override
        public void wake() {
            wakes++;
        }
    }
}
