/**
 * Machinery for I/O that the JDK only offers as blocking calls (files, process pipes, the
 * process's standard streams): a
 * stream with an internal buffer and one blocking operation in flight on the runtime's
 * blocking pool ({@link dev.weft.io.blocking.BlockingStream}, Tokio's {@code io::blocking} and
 * {@code fs::File} state machine), and a lazy future of one blocking call
 * ({@link dev.weft.io.blocking.BlockingFuture}). Used by {@code dev.weft.fs} and
 * {@code dev.weft.process} and {@code dev.weft.io.Io.stdin()}. Not exported.
 */
package dev.weft.io.blocking;
