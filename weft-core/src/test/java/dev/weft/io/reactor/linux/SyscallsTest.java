package dev.weft.io.reactor.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The bindings themselves: availability, errno capture, the event layout, buffers of both kinds. */
class SyscallsTest {
    private static final int EBADF = 9;

    private static void assumeAvailable() {
        assumeTrue(Syscalls.unavailableReason() == null, Syscalls.unavailableReason());
        assumeTrue(ChannelFds.unavailableReason() == null, ChannelFds.unavailableReason());
    }

    @Test
    void availableExactlyOnLinuxWithNativeAccessAndSaysWhyOtherwise() {
        boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux");
        boolean nativeAccess = Syscalls.class.getModule().isNativeAccessEnabled();
        if (linux && nativeAccess) {
            assertEquals(null, Syscalls.unavailableReason());
        } else {
            String why = Syscalls.unavailableReason();
            assertNotNull(why);
            assertTrue(linux ? why.contains("--enable-native-access") : why.contains("not Linux"), why);
        }
        boolean exported = Object.class.getModule().isExported("sun.nio.ch", ChannelFds.class.getModule());
        assertEquals(exported, ChannelFds.unavailableReason() == null, String.valueOf(ChannelFds.unavailableReason()));
    }

    @Test
    void errnoIsCapturedPerCall() throws Exception {
        assumeAvailable();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newCallState(arena);
            MemorySegment buf = arena.allocate(8);
            assertEquals(-EBADF, Syscalls.read(-1, buf, 8, state));
            assertEquals(EBADF, Syscalls.errno(state));
            IOException e = Syscalls.error("read", EBADF);
            assertTrue(e.getMessage().contains("EBADF"), e.getMessage());
            assertTrue(Syscalls.error("read", 104).getMessage().contains("reset"));
        }
    }

    /** An eventfd in an epoll set: the wait reports its token, and reading the count resets it. */
    @Test
    void epollReportsAnEventfdWithItsUserData() throws Exception {
        assumeAvailable();
        int epfd = Syscalls.epollCreate();
        int efd = Syscalls.eventfd();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newCallState(arena);
            EpollEvents one = new EpollEvents(arena, 1);
            one.set(0, Syscalls.EPOLLIN, 0x1234_5678_9abc_def0L);
            assertEquals(0, Syscalls.epollCtl(epfd, Syscalls.EPOLL_CTL_ADD, efd, one.segment(), state));
            EpollEvents ready = new EpollEvents(arena, 4);
            assertEquals(0, Syscalls.epollWait(epfd, ready.segment(), 4, 0, state), "nothing written yet");
            MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
            value.set(ValueLayout.JAVA_LONG, 0, 3L);
            assertEquals(8, Syscalls.write(efd, value, 8, state));
            assertEquals(1, Syscalls.epollWait(epfd, ready.segment(), 4, 1000, state));
            assertEquals(Syscalls.EPOLLIN, ready.events(0));
            assertEquals(0x1234_5678_9abc_def0L, ready.data(0));
            assertEquals(8, Syscalls.read(efd, value, 8, state));
            assertEquals(3L, value.get(ValueLayout.JAVA_LONG, 0));
            assertEquals(0, Syscalls.epollWait(epfd, ready.segment(), 4, 0, state), "count read: quiet again");
            assertEquals(-Syscalls.EAGAIN, Syscalls.read(efd, value, 8, state));
        } finally {
            Syscalls.close(efd);
            Syscalls.close(epfd);
        }
    }

    /** read and write on a socket's descriptor, from a heap array (critical call) and native memory. */
    @Test
    void socketBytesMoveFromHeapAndNativeMemory() throws Exception {
        assumeAvailable();
        try (ServerSocketChannel server = ServerSocketChannel.open()
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel a = SocketChannel.open(server.getLocalAddress());
                SocketChannel b = server.accept();
                Arena arena = Arena.ofConfined()) {
            b.configureBlocking(false);
            int fa = ChannelFds.fdOf(a);
            int fb = ChannelFds.fdOf(b);
            MemorySegment state = Syscalls.newCallState(arena);
            MemorySegment in = arena.allocate(16);
            assertEquals(-Syscalls.EAGAIN, Syscalls.read(fb, in, 16, state), "non-blocking, nothing sent");
            byte[] heap = {9, 8, 7, 6, 5};
            assertEquals(3, Syscalls.write(fa, MemorySegment.ofBuffer(ByteBuffer.wrap(heap, 1, 3)), 3, state));
            long n = 0;
            long deadline = System.nanoTime() + 30_000_000_000L; // only turns a hang into a failure
            while (n < 3) {
                assertTrue(System.nanoTime() - deadline < 0, "the bytes never came");
                long r = Syscalls.read(fb, in.asSlice(n), 16 - n, state);
                if (r > 0) {
                    n += r;
                }
            }
            assertEquals(8, in.get(ValueLayout.JAVA_BYTE, 0));
            assertEquals(6, in.get(ValueLayout.JAVA_BYTE, 2));
            a.close();
            assertThrows(ClosedChannelException.class, () -> ChannelFds.fdOf(a));
        }
    }
}
