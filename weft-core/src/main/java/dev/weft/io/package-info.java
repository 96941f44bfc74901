/**
 * Asynchronous I/O: {@link dev.weft.io.AsyncRead} and {@link dev.weft.io.AsyncWrite} (poll-based,
 * allocation-free), {@link dev.weft.io.AsyncBufRead}, the futures a coroutine awaits
 * ({@link dev.weft.io.IoFuture}), and the utilities around them.
 *
 * <p>Poll-based methods answer with an {@code int}: a byte count, {@link dev.weft.io.Io#EOF} or
 * {@link dev.weft.io.Io#PENDING}. Faults are {@link java.io.IOException}s thrown by the
 * operation that met them. Their default methods ({@code read}, {@code readExact},
 * {@code readToEnd}, {@code readToString}, {@code write}, {@code writeAll}, {@code flush},
 * {@code shutdown}, {@code readLine}, {@code lines}) are the awaitable operations, each one small
 * future per call, each with its cancel safety stated: a cancelled {@code read} loses no bytes,
 * a cancelled {@code write} wrote none, and a cancelled {@code readExact} or {@code writeAll}
 * says by its buffer's position exactly how far it got.
 *
 * <p>What is here, by need:
 * <ul>
 *   <li>buffering: {@link dev.weft.io.BufReader} (lines, decoders), {@link dev.weft.io.BufWriter};
 *   <li>moving bytes: {@link dev.weft.io.Io#copy}, {@link dev.weft.io.Io#copyBidirectional}
 *       (a proxy, half-closing each side at the other's end);
 *   <li>two tasks on one stream: {@link dev.weft.io.Io#split} into a
 *       {@link dev.weft.io.ReadHalf} and a {@link dev.weft.io.WriteHalf};
 *   <li>in-memory streams, for tests and between tasks: {@link dev.weft.io.Io#duplex}
 *       ({@link dev.weft.io.DuplexStream}) and {@link dev.weft.io.Io#simplex}
 *       ({@link dev.weft.io.PipeReader}, {@link dev.weft.io.PipeWriter});
 *   <li>messages over bytes: {@link dev.weft.io.Framed} (lines, length-delimited) and
 *       {@link dev.weft.io.FrameWriter}.
 * </ul>
 *
 * {@snippet class=dev.weft.snippets.IoSnippets region=package}
 */
package dev.weft.io;
