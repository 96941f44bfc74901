/**
 * Async synchronization: locks, semaphores, notifications and channels whose waiting methods
 * return futures, so a coroutine awaiting them suspends instead of blocking its thread. Every
 * waiting method states its cancel safety: a cancelled wait loses no message, permit or lock.
 * Locks and signals: {@link dev.weft.sync.Mutex}, {@link dev.weft.sync.RwLock},
 * {@link dev.weft.sync.Semaphore}, {@link dev.weft.sync.Notify}, {@link dev.weft.sync.Barrier},
 * {@link dev.weft.sync.OnceCell}, {@link dev.weft.sync.CancellationToken}; channels:
 * {@link dev.weft.sync.Oneshot}, {@link dev.weft.sync.Mpsc}, {@link dev.weft.sync.Broadcast},
 * {@link dev.weft.sync.Watch}.
 *
 * {@snippet class=dev.weft.snippets.SyncSnippets region=package}
 */
package dev.weft.sync;
