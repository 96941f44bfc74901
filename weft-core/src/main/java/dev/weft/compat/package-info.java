/**
 * Interop with the JDK's asynchronous types that need more than the futures core:
 * {@link dev.weft.compat.Flows} connects Weft streams and {@link java.util.concurrent.Flow}
 * publishers and subscribers, both ways, with backpressure. (The single-value bridges live with
 * their types: {@code Futures.from(CompletionStage)}, {@code Future.toCompletableFuture(Executor)},
 * {@code JoinHandle.toCompletableFuture()} and {@code Handle.executor()}.)
 *
 * {@snippet class=dev.weft.snippets.CompatSnippets region=package}
 */
package dev.weft.compat;
