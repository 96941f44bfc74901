/**
 * Asynchronous I/O: {@link dev.weft.io.AsyncRead} and {@link dev.weft.io.AsyncWrite} (poll-based,
 * allocation-free), {@link dev.weft.io.AsyncBufRead}, the futures a coroutine awaits
 * ({@link dev.weft.io.IoFuture}), and the utilities around them.
 *
 * <p>Poll-based methods answer with an {@code int}: a byte count, {@link dev.weft.io.Io#EOF} or
 * {@link dev.weft.io.Io#PENDING}. Faults are {@link java.io.IOException}s thrown by the
 * operation that met them.
 *
 * {@snippet :
 * ByteBuffer buf = ByteBuffer.allocate(1024);
 * for (;;) {
 *     buf.clear();
 *     int n = socket.read(buf).await();
 *     if (n == Io.EOF) break;
 *     buf.flip();
 *     socket.writeAll(buf).await();
 * }
 * }
 */
package dev.weft.io;
