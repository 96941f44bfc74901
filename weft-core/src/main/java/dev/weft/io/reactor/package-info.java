/**
 * The I/O driver (machinery, not exported): a NIO {@link java.nio.channels.Selector} that a
 * parked worker blocks in, and per-channel {@link dev.weft.io.reactor.Registration}s that turn
 * readiness into wake-ups. Sockets in {@code dev.weft.net} are built on it.
 */
package dev.weft.io.reactor;
