package dev.weft.io.reactor.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.SocketException;
import java.util.Locale;

/**
 * The Linux system calls of the epoll driver, bound through the FFM API: {@code epoll_create1},
 * {@code epoll_ctl}, {@code epoll_wait}, {@code eventfd}, {@code read}, {@code write} and
 * {@code close}. Each call that can fail captures {@code errno} into a caller-owned
 * <em>call-state segment</em> ({@link #newCallState}): one per thread that may call at the same
 * time (a registration has one per direction), so a steady-state call allocates nothing.
 *
 * <p>Linked when this class is first used, and only on Linux x86_64 or aarch64 with native
 * access enabled for Weft ({@code --enable-native-access=ALL-UNNAMED}, or {@code =dev.weft} on
 * the module path); otherwise, or if any symbol fails to link, {@link #unavailableReason()}
 * says why and nothing here may be called.
 *
 * <p>{@code read} and {@code write} are linked with {@code Linker.Option.critical(true)}: the
 * JVM makes no thread-state transition around them and lets them take a heap segment (a heap
 * {@code ByteBuffer}'s array) without copying it. Only non-blocking descriptors are passed to
 * them, so they never block. {@code epoll_wait} blocks, so it is an ordinary downcall.
 */
public final class Syscalls {
    /** {@code EPOLLIN}: readable. */
    public static final int EPOLLIN = 0x001;
    /** {@code EPOLLPRI}: urgent data. */
    public static final int EPOLLPRI = 0x002;
    /** {@code EPOLLOUT}: writable. */
    public static final int EPOLLOUT = 0x004;
    /** {@code EPOLLERR}: an error is pending. */
    public static final int EPOLLERR = 0x008;
    /** {@code EPOLLHUP}: hung up (both directions closed). */
    public static final int EPOLLHUP = 0x010;
    /** {@code EPOLLRDHUP}: the peer closed its writing side. */
    public static final int EPOLLRDHUP = 0x2000;
    /** {@code EPOLLET}: edge-triggered. */
    public static final int EPOLLET = 1 << 31;
    /** {@code EPOLL_CTL_ADD}. */
    public static final int EPOLL_CTL_ADD = 1;
    /** {@code EPOLL_CTL_DEL}. */
    public static final int EPOLL_CTL_DEL = 2;
    /** {@code EAGAIN} (= {@code EWOULDBLOCK} on Linux). */
    public static final int EAGAIN = 11;
    /** {@code EINTR}. */
    public static final int EINTR = 4;
    private static final int EPIPE = 32;
    private static final int ECONNRESET = 104;
    private static final int O_CLOEXEC = 0x80000; // 02000000, the same on x86_64 and aarch64
    private static final int O_NONBLOCK = 0x800; // 04000

    private static final String UNAVAILABLE;
    private static final MethodHandle EPOLL_CREATE1;
    private static final MethodHandle EPOLL_CTL;
    private static final MethodHandle EPOLL_WAIT;
    private static final MethodHandle EVENTFD;
    private static final MethodHandle READ;
    private static final MethodHandle WRITE;
    private static final MethodHandle CLOSE;
    private static final MemoryLayout CALL_STATE;
    private static final VarHandle ERRNO;

    static {
        String why = platformProblem();
        MethodHandle create = null;
        MethodHandle ctl = null;
        MethodHandle wait = null;
        MethodHandle efd = null;
        MethodHandle read = null;
        MethodHandle write = null;
        MethodHandle close = null;
        MemoryLayout state = null;
        VarHandle errno = null;
        if (why == null) {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option capture = Linker.Option.captureCallState("errno");
                Linker.Option critical = Linker.Option.critical(true);
                ValueLayout i32 = ValueLayout.JAVA_INT;
                ValueLayout i64 = ValueLayout.JAVA_LONG; // ssize_t and size_t on both 64-bit ABIs
                ValueLayout ptr = ValueLayout.ADDRESS;
                create = link(linker, libc, "epoll_create1", FunctionDescriptor.of(i32, i32), capture);
                ctl = link(linker, libc, "epoll_ctl", FunctionDescriptor.of(i32, i32, i32, i32, ptr), capture);
                wait = link(linker, libc, "epoll_wait", FunctionDescriptor.of(i32, i32, ptr, i32, i32), capture);
                efd = link(linker, libc, "eventfd", FunctionDescriptor.of(i32, i32, i32), capture);
                read = link(linker, libc, "read", FunctionDescriptor.of(i64, i32, ptr, i64), capture, critical);
                write = link(linker, libc, "write", FunctionDescriptor.of(i64, i32, ptr, i64), capture, critical);
                close = link(linker, libc, "close", FunctionDescriptor.of(i32, i32));
                state = Linker.Option.captureStateLayout();
                errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
            } catch (RuntimeException | LinkageError e) {
                why = "linking the system calls failed: " + e;
            }
        }
        UNAVAILABLE = why;
        EPOLL_CREATE1 = create;
        EPOLL_CTL = ctl;
        EPOLL_WAIT = wait;
        EVENTFD = efd;
        READ = read;
        WRITE = write;
        CLOSE = close;
        CALL_STATE = state;
        ERRNO = errno;
    }

    private Syscalls() {
    }

    private static String platformProblem() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "not Linux (os.name=" + os + ")";
        }
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return "not x86_64 or aarch64 (os.arch=" + arch + ")";
        }
        if (!Syscalls.class.getModule().isNativeAccessEnabled()) {
            return "native access is not enabled for Weft: start the JVM with "
                    + "--enable-native-access=ALL-UNNAMED (or =dev.weft on the module path)";
        }
        return null;
    }

    @SuppressWarnings("restricted") // the point of this class; only reached with native access enabled
    private static MethodHandle link(Linker linker, SymbolLookup libc, String name, FunctionDescriptor fd,
            Linker.Option... options) {
        MemorySegment symbol = libc.find(name).orElseThrow(() -> new UnsatisfiedLinkError("no symbol " + name));
        return linker.downcallHandle(symbol, fd, options);
    }

    /** @return why the calls cannot be used here, or null if they can */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * @param arena where the segment lives
     * @return a new call-state segment, for one thread's calls at a time
     */
    public static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** @return the size of a call-state segment, to carve several out of one allocation */
    public static long callStateSize() {
        return CALL_STATE.byteSize();
    }

    /** @return the errno captured by the last failed call that used {@code state} */
    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * @return a new epoll instance, close-on-exec
     * @throws IOException if the kernel refuses (out of descriptors)
     */
    public static int epollCreate() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = newCallState(a);
            int fd = (int) EPOLL_CREATE1.invokeExact(st, O_CLOEXEC);
            if (fd < 0) {
                throw error("epoll_create1", errno(st));
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @return a new eventfd (counter 0), non-blocking and close-on-exec
     * @throws IOException if the kernel refuses (out of descriptors)
     */
    public static int eventfd() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = newCallState(a);
            int fd = (int) EVENTFD.invokeExact(st, 0, O_CLOEXEC | O_NONBLOCK);
            if (fd < 0) {
                throw error("eventfd", errno(st));
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@code epoll_ctl(epfd, op, fd, event)}.
     *
     * @param event an {@link EpollEvents} entry, or {@code MemorySegment.NULL} for a delete
     * @param state the caller's call-state segment
     * @return 0, or the errno of the failure
     */
    public static int epollCtl(int epfd, int op, int fd, MemorySegment event, MemorySegment state) {
        try {
            int r = (int) EPOLL_CTL.invokeExact(state, epfd, op, fd, event);
            return r == 0 ? 0 : errno(state);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@code epoll_wait}: blocks up to {@code timeoutMs} (-1: no limit) for events.
     *
     * @return the number of events written to {@code events}, 0 also when a signal interrupted
     *     the wait
     * @throws IOException on any other failure
     */
    public static int epollWait(int epfd, MemorySegment events, int max, int timeoutMs, MemorySegment state)
            throws IOException {
        int n;
        try {
            n = (int) EPOLL_WAIT.invokeExact(state, epfd, events, max, timeoutMs);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (n >= 0) {
            return n;
        }
        int errno = errno(state);
        if (errno == EINTR) {
            return 0;
        }
        throw error("epoll_wait", errno);
    }

    /**
     * {@code read(fd, buf, len)} on a non-blocking descriptor.
     *
     * @param buf native or heap memory of at least {@code len} bytes
     * @return the bytes read (0: end of stream), or minus the errno
     */
    public static long read(int fd, MemorySegment buf, long len, MemorySegment state) {
        try {
            long n = (long) READ.invokeExact(state, fd, buf, len);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@code write(fd, buf, len)} on a non-blocking descriptor.
     *
     * @param buf native or heap memory of at least {@code len} bytes
     * @return the bytes written, or minus the errno
     */
    public static long write(int fd, MemorySegment buf, long len, MemorySegment state) {
        try {
            long n = (long) WRITE.invokeExact(state, fd, buf, len);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** Closes {@code fd}, ignoring failures (only descriptors this package opened). */
    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @param call the system call that failed
     * @param errno its errno
     * @return the exception the JDK's channels throw for it: a reset or broken pipe as a
     *     {@link SocketException} whose message says so, anything else naming the errno
     */
    public static IOException error(String call, int errno) {
        return switch (errno) {
            case ECONNRESET -> new SocketException("Connection reset");
            case EPIPE -> new SocketException("Broken pipe");
            default -> new IOException(call + " failed: errno " + errno + errnoName(errno));
        };
    }

    private static String errnoName(int errno) {
        return switch (errno) {
            case 9 -> " (EBADF)";
            case 12 -> " (ENOMEM)";
            case 22 -> " (EINVAL)";
            case 24 -> " (EMFILE: too many open files)";
            case 28 -> " (ENOSPC: fs.epoll.max_user_watches reached)";
            case 107 -> " (ENOTCONN)";
            case 110 -> " (ETIMEDOUT)";
            default -> "";
        };
    }
}
