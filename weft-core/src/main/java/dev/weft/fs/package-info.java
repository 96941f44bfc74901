/**
 * Files without blocking a worker (Tokio's {@code tokio::fs}): whole-file and directory
 * operations in {@link dev.weft.fs.Fs}, and {@link dev.weft.fs.File}, an open file that is an
 * {@link dev.weft.io.AsyncRead} and {@link dev.weft.io.AsyncWrite}.
 *
 * <p>Operating systems have no readiness notifications for regular files, so, as in Tokio,
 * every blocking call runs on the runtime's blocking pool ({@code spawnBlocking}): a virtual
 * thread per call by default. Futures are lazy: the call is made on the first poll, on the
 * runtime of the polling task (outside one, the poll fails with
 * {@link java.lang.IllegalStateException}). Faults are the JDK's
 * ({@link java.nio.file.NoSuchFileException} and friends), as the futures' failures.
 *
 * {@snippet class=dev.weft.snippets.FsSnippets region=package}
 */
package dev.weft.fs;
