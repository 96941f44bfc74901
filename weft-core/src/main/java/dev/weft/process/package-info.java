/**
 * Child processes without blocking a worker (Tokio's {@code tokio::process}): build a
 * {@link dev.weft.process.Command}, {@linkplain dev.weft.process.Command#spawn() spawn} it, talk
 * to the {@link dev.weft.process.Child} through its pipes ({@link dev.weft.process.ChildStdin},
 * an {@link dev.weft.io.AsyncWrite}; {@link dev.weft.process.ChildOutput}, an
 * {@link dev.weft.io.AsyncRead}) and await its {@link dev.weft.process.ExitStatus}.
 *
 * <p>Waiting for the exit uses the JDK's {@link java.lang.Process#onExit()}, bridged into a
 * waker, so no thread waits per child beyond the JDK's own reaper. The JDK gives no selectable
 * pipes, so pipe reads and writes are blocking calls on the runtime's blocking pool, one in
 * flight per pipe, through an internal buffer.
 *
 * {@snippet class=dev.weft.snippets.ProcessSnippets region=package}
 */
package dev.weft.process;
