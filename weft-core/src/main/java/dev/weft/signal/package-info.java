/**
 * Signals for a graceful shutdown: {@link dev.weft.signal.Signals#ctrlC()} and
 * {@link dev.weft.signal.Signals#terminate()} return futures that complete when SIGINT or
 * SIGTERM arrives. While such a future listens, the JVM's default handling (exit) is replaced;
 * it comes back when nobody listens (see {@link dev.weft.signal.Signals} for the exact rules).
 *
 * {@snippet class=dev.weft.snippets.SignalSnippets region=package}
 */
package dev.weft.signal;
