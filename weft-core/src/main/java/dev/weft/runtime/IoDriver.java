package dev.weft.runtime;

import dev.weft.io.reactor.Reactor;
import java.util.Optional;

/**
 * Which I/O driver a runtime's sockets use: the portable NIO selector, or Linux's epoll called
 * directly. Both keep the same promises (readiness, wake-ups, cancellation, shutdown); they
 * differ in cost and in where they run. Chosen per runtime with
 * {@link RuntimeBuilder#ioDriver(IoDriver)}; a runtime that does not choose uses epoll where it
 * can run and NIO elsewhere. {@link RuntimeMetrics#ioDriver()} tells which one a runtime uses.
 *
 * {@snippet :
 * try (Runtime rt = Runtime.builder().enableAll().build()) {
 *     System.out.println(rt.metrics().ioDriver().orElseThrow()); // EPOLL on Linux with the flags, else NIO
 * }
 * try (Runtime rt = Runtime.builder().enableAll().ioDriver(IoDriver.NIO).build()) {
 *     System.out.println(rt.metrics().ioDriver().orElseThrow()); // NIO: the portable selector, chosen
 * }
 * }
 */
public enum IoDriver {
    /**
     * A {@code java.nio.channels.Selector} (epoll on Linux, kqueue on macOS): runs everywhere,
     * needs no JVM flag. The default where {@link #EPOLL} cannot run.
     */
    NIO,
    /**
     * Linux's epoll called through the FFM API ({@code java.lang.foreign}): no selector, no
     * selection keys, edge-triggered readiness, and socket reads and writes straight between
     * the caller's {@code ByteBuffer} (direct or heap) and the descriptor. Runs on Linux x86_64
     * and aarch64 when the JVM is started with {@code --enable-native-access=ALL-UNNAMED} and
     * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} ({@code =dev.weft} for both on the
     * module path). Sockets must be channels of the JDK's default provider. The default where
     * it can run.
     */
    EPOLL;

    /** {@return whether this driver can run in this JVM} */
    public boolean isAvailable() {
        return reason() == null;
    }

    /** {@return why this driver cannot run in this JVM (a missing flag, another OS), or empty if it can} */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(reason());
    }

    /** The reactor knows only its own drivers; this enum is the runtime's name for them. */
    private String reason() {
        return this == EPOLL ? Reactor.epollUnavailableReason() : null;
    }

    /**
     * Opens a driver of this kind.
     *
     * @param readyOrder the seeded stream of a deterministic runtime, or null
     * @return the driver
     */
    Reactor open(dev.weft.future.internal.SeededRandom readyOrder) {
        return this == EPOLL ? Reactor.openEpoll(readyOrder) : Reactor.open(readyOrder);
    }

    /**
     * Names the kind of a driver.
     *
     * @param io a driver
     * @return its kind
     */
    static IoDriver of(Reactor io) {
        return io.isEpoll() ? EPOLL : NIO;
    }
}
