package dev.weft.io;

import dev.weft.future.Future;
import dev.weft.future.internal.Await;

/**
 * A future of an I/O operation: its {@link #await()} throws {@link java.io.IOException} and
 * nothing else checked, so a coroutine catches exactly the faults I/O can have.
 *
 * {@snippet :
 * try {
 *     int n = stream.read(buf).await();
 * } catch (IOException e) {
 *     log.warn("read from " + peer + " failed: " + e);
 * }
 * }
 *
 * @param <T> the value of the operation
 */
public interface IoFuture<T> extends Future<T> {
    /**
     * Waits for the operation, as {@link Future#await()} does.
     *
     * @return the value
     * @throws java.io.IOException the operation's fault
     */
    @Override
    default T await() throws java.io.IOException {
        return Await.await(this);
    }
}
