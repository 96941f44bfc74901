/**
 * Async synchronization: locks, semaphores, notifications and channels whose waiting methods
 * return futures, so a coroutine awaiting them suspends instead of blocking its thread. Every
 * waiting method states its cancel safety: a cancelled wait loses no message, permit or lock.
 *
 * {@snippet :
 * Semaphore limit = new Semaphore(2);
 * try (Semaphore.Permit p = limit.acquire().await()) {
 *     fetch(url).await();
 * }
 * }
 */
package dev.weft.sync;
