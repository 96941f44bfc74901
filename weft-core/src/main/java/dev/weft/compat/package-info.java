/**
 * Interop with the JDK's asynchronous types that need more than the futures core:
 * {@link dev.weft.compat.Flows} connects Weft streams and {@link java.util.concurrent.Flow}
 * publishers and subscribers, both ways, with backpressure. (The single-value bridges live with
 * their types: {@code Futures.from(CompletionStage)}, {@code Future.toCompletableFuture(Executor)},
 * {@code JoinHandle.toCompletableFuture()} and {@code Handle.executor()}.)
 *
 * {@snippet :
 * try (Runtime rt = Runtime.builder().enableAll().build()) {
 *     Flow.Publisher<Integer> pub = Flows.toPublisher(Stream.of(1, 2, 3), rt.handle());
 *     Stream<Integer> back = Flows.fromPublisher(pub, 2);        // requests 2 at a time
 *     System.out.println(rt.blockOn(back.collect()));            // [1, 2, 3]
 * }
 * }
 */
package dev.weft.compat;
