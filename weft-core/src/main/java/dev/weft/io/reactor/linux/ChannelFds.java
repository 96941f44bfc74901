package dev.weft.io.reactor.linux;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;

/**
 * The file descriptor behind a JDK socket channel, read through the JDK's own
 * {@code sun.nio.ch.SelChImpl.getFDVal()} (a method handle: Weft compiles without it). Needs
 * {@code java.base} to export {@code sun.nio.ch} to Weft
 * ({@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}, or {@code =dev.weft} on the module
 * path); {@link #unavailableReason()} says when it does not.
 *
 * <p>The channel keeps owning the descriptor: it opens, connects, accepts and closes it; the
 * epoll driver only reads, writes and watches it while the channel is open.
 */
public final class ChannelFds {
    private static final Class<?> SEL_CH_IMPL;
    private static final MethodHandle GET_FD_VAL;
    private static final String UNAVAILABLE;

    static {
        Class<?> impl = null;
        MethodHandle get = null;
        String why = null;
        if (!Object.class.getModule().isExported("sun.nio.ch", ChannelFds.class.getModule())) {
            why = "java.base does not export sun.nio.ch to Weft: start the JVM with "
                    + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED (or =dev.weft on the module path)";
        } else {
            try {
                impl = Class.forName("sun.nio.ch.SelChImpl");
                get = MethodHandles.lookup().findVirtual(impl, "getFDVal", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, SelectableChannel.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                why = "sun.nio.ch.SelChImpl.getFDVal did not link: " + e;
            }
        }
        SEL_CH_IMPL = impl;
        GET_FD_VAL = get;
        UNAVAILABLE = why;
    }

    private ChannelFds() {
    }

    /** @return why descriptors cannot be read here, or null if they can */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * @param channel an open channel of the JDK's default provider
     * @return its file descriptor
     * @throws ClosedChannelException if the channel is closed
     * @throws IOException if it is not a JDK channel (another provider's)
     */
    public static int fdOf(SelectableChannel channel) throws IOException {
        if (!SEL_CH_IMPL.isInstance(channel)) {
            throw new IOException(channel + " is not a channel of the JDK's default provider: "
                    + "the epoll driver needs its file descriptor (use the NIO driver)");
        }
        int fd;
        try {
            fd = (int) GET_FD_VAL.invokeExact(channel);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        if (fd < 0 || !channel.isOpen()) {
            throw new ClosedChannelException();
        }
        return fd;
    }
}
