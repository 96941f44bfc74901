/**
 * Signals for a graceful shutdown: {@link dev.weft.signal.Signals#ctrlC()} and
 * {@link dev.weft.signal.Signals#terminate()} return futures that complete when SIGINT or
 * SIGTERM arrives. While such a future listens, the JVM's default handling (exit) is replaced;
 * it comes back when nobody listens (see {@link dev.weft.signal.Signals} for the exact rules).
 *
 * {@snippet :
 * Weft.run(() -> {
 *     CancellationToken shutdown = new CancellationToken();
 *     Weft.spawn(() -> { Signals.ctrlC().await(); shutdown.cancel(); return null; });
 *     runUntil(shutdown);
 *     return null;
 * });
 * }
 */
package dev.weft.signal;
