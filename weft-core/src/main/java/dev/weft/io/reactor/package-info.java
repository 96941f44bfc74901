/**
 * The I/O drivers (machinery, not exported): a {@link dev.weft.io.reactor.Reactor} that a parked
 * worker blocks in, and per-channel {@link dev.weft.io.reactor.Registration}s that turn
 * readiness into wake-ups. Two drivers keep that contract: {@code NioReactor} (a NIO
 * {@link java.nio.channels.Selector}, portable, the default) and {@code EpollReactor} (Linux
 * epoll through the FFM API, system calls in {@code dev.weft.io.reactor.linux}). Sockets in
 * {@code dev.weft.net} are built on them.
 *
 * {@snippet :
 * Reactor io = Reactor.openEpoll(null);                                   // or Reactor.open(null): NIO
 * Registration reg = io.register(channel, SelectionKey.OP_READ, SelectionKey.OP_WRITE);
 * io.turn(-1);                                                           // the parked thread's loop
 * }
 */
package dev.weft.io.reactor;
