package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Choosing the I/O driver: the default (epoll where it can run, else NIO, or what the test run
 * names through {@code weft.ioDriver}), the fallback to NIO where epoll cannot run, an explicit
 * choice, the refusal of a driver that cannot run, and bytes through each driver that can, from
 * every kind of buffer.
 */
class IoDriverTest {
    /**
     * The driver a runtime that does not choose gets: the one the Surefire execution names
     * ({@code weft.expectedIoDriver}), else epoll where it can run, else NIO.
     */
    private static final IoDriver EXPECTED_DEFAULT = IoDriver.valueOf(System.getProperty("weft.expectedIoDriver",
            IoDriver.EPOLL.isAvailable() ? "EPOLL" : "NIO"));

    @Test
    void onLinuxWithTheFlagsTheDefaultIsEpoll() {
        assumeTrue(System.getProperty("weft.ioDriver") == null, "the run names the default driver");
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");
        boolean nativeAccess = IoDriverTest.class.getModule().isNativeAccessEnabled();
        assumeTrue(linux && nativeAccess, "not Linux, or no native access: the fallback test covers it");
        assertTrue(IoDriver.EPOLL.isAvailable(), () -> IoDriver.EPOLL.unavailableReason().orElseThrow());
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(1).enableIo().build()) {
            assertEquals(Optional.of(IoDriver.EPOLL), rt.metrics().ioDriver());
        }
    }

    @Test
    void whereEpollCannotRunTheDefaultFallsBackToNio() {
        assumeTrue(System.getProperty("weft.ioDriver") == null, "the run names the default driver");
        assumeFalse(IoDriver.EPOLL.isAvailable(), "epoll runs here");
        try (Runtime rt = Runtime.builder().currentThread().enableIo().build()) { // no failure: a fallback
            assertEquals(Optional.of(IoDriver.NIO), rt.metrics().ioDriver());
        }
    }

    @Test
    void runtimesThatDoNotChooseUseTheDefaultAndTheMetricsSaySo() {
        try (Runtime rt = Runtime.builder().currentThread().enableIo().build()) {
            RuntimeMetrics m = rt.metrics();
            assertEquals(Optional.of(EXPECTED_DEFAULT), m.ioDriver());
            assertTrue(m.toString().contains("I/O driver (" + EXPECTED_DEFAULT + "): "), m.toString());
        }
        try (Runtime rt = Runtime.builder().currentThread().enableTime().build()) {
            assertEquals(Optional.empty(), rt.metrics().ioDriver(), "no I/O, no driver");
        }
    }

    @ParameterizedTest
    @EnumSource(IoDriver.class)
    void anAvailableDriverIsTheOneUsed(IoDriver driver) {
        assumeTrue(driver.isAvailable(), () -> driver + ": " + driver.unavailableReason().orElseThrow());
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(1).enableIo().ioDriver(driver).build()) {
            assertEquals(Optional.of(driver), rt.metrics().ioDriver());
        }
    }

    @Test
    void epollWhereItCannotRunIsRefusedWithTheReason() {
        assumeFalse(IoDriver.EPOLL.isAvailable(), "epoll runs here");
        String why = IoDriver.EPOLL.unavailableReason().orElseThrow();
        var e = assertThrows(IllegalStateException.class,
                () -> Runtime.builder().currentThread().enableIo().ioDriver(IoDriver.EPOLL).build());
        assertTrue(e.getMessage().contains("ioDriver(EPOLL) cannot run here") && e.getMessage().contains(why),
                e.getMessage());
    }

    @Test
    void nioRunsEverywhere() {
        assertTrue(IoDriver.NIO.isAvailable());
        assertEquals(Optional.empty(), IoDriver.NIO.unavailableReason());
    }

    @Test
    void aChoiceWithoutIoOrANullChoiceIsRefused() {
        var e = assertThrows(IllegalStateException.class,
                () -> Runtime.builder().currentThread().ioDriver(IoDriver.NIO).build());
        assertTrue(e.getMessage().contains("enableIo()"), e.getMessage());
        var n = assertThrows(IllegalArgumentException.class, () -> Runtime.builder().ioDriver(null));
        assertTrue(n.getMessage().contains("driver"), n.getMessage());
    }

    /** Heap, heap slice (an array offset), direct and read-only buffers, both ways, with positions. */
    @ParameterizedTest
    @EnumSource(IoDriver.class)
    void bytesGoThroughEveryKindOfBuffer(IoDriver driver) throws Exception {
        assumeTrue(driver.isAvailable(), () -> driver + ": " + driver.unavailableReason().orElseThrow());
        byte[] payload = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        try (Runtime rt = Runtime.builder().currentThread().enableAll().startPaused(true).ioDriver(driver).build()) {
            rt.blockOn(Async.async(() -> {
                try (TcpListener l = TcpListener.bind("127.0.0.1:0")) {
                    var accepted = Weft.spawn(() -> l.accept().await());
                    try (TcpStream c = TcpStream.connect(l.localAddress()).await(); TcpStream s = accepted.await()) {
                        ByteBuffer heap = ByteBuffer.wrap(payload, 3, 5); // position 3, limit 8
                        ByteBuffer slice = ByteBuffer.wrap(payload).position(8).slice().limit(10); // array offset 8
                        ByteBuffer direct = ByteBuffer.allocateDirect(64).put(payload, 18, 10).flip();
                        ByteBuffer readOnly = ByteBuffer.wrap(payload, 28, 8).asReadOnlyBuffer();
                        for (ByteBuffer src : new ByteBuffer[] {heap, slice, direct, readOnly}) {
                            while (src.hasRemaining()) {
                                c.write(src).await();
                            }
                        }
                        assertEquals(8, heap.position());
                        assertEquals(10, slice.position());
                        c.shutdownOutput();
                        ByteBuffer intoDirect = ByteBuffer.allocateDirect(13);
                        ByteBuffer intoSlice = ByteBuffer.wrap(new byte[40]).position(5).slice(); // array offset 5
                        while (intoDirect.hasRemaining()) {
                            s.read(intoDirect).await();
                        }
                        int n;
                        while ((n = s.read(intoSlice).await()) != Io.EOF) {
                            assertTrue(n > 0);
                        }
                        byte[] got = new byte[33];
                        intoDirect.flip().get(got, 0, 13);
                        intoSlice.flip().get(got, 13, 20);
                        byte[] want = new byte[33];
                        System.arraycopy(payload, 3, want, 0, 33);
                        assertArrayEquals(want, got);
                        assertEquals(5, intoSlice.arrayOffset());
                        assertThrows(IllegalArgumentException.class,
                                () -> s.read(ByteBuffer.allocate(4).asReadOnlyBuffer()).await());
                    }
                }
                return null;
            }));
        }
    }
}
