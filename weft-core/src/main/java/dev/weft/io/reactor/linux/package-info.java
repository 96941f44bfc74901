/**
 * Linux system calls for the epoll I/O driver (machinery, not exported), bound through the FFM
 * API ({@code java.lang.foreign}) with no JNI library: {@link dev.weft.io.reactor.linux.Syscalls}
 * (epoll, eventfd, read, write, errno captured per call), the native
 * {@link dev.weft.io.reactor.linux.EpollEvents} array, and
 * {@link dev.weft.io.reactor.linux.ChannelFds}, the descriptor behind a JDK socket channel.
 *
 * {@snippet :
 * if (Syscalls.unavailableReason() == null && ChannelFds.unavailableReason() == null) {
 *     int epfd = Syscalls.epollCreate();            // the driver's epoll instance
 *     int fd = ChannelFds.fdOf(socketChannel);      // still owned (and closed) by the channel
 * }
 * }
 *
 * <p>Nothing here is usable unless {@code unavailableReason()} returns null: the classes link
 * only on Linux x86_64/aarch64, with native access enabled and {@code sun.nio.ch} exported to
 * Weft. The driver built on them is {@code dev.weft.io.reactor.EpollReactor}.
 */
package dev.weft.io.reactor.linux;
