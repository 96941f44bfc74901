/**
 * Testing Weft code with JUnit 5: {@link dev.weft.test.WeftTest} is {@code @Test} for async
 * code, Weft's {@code #[tokio::test]}.
 *
 * <p>Add the module at test scope ({@code dev.weft:weft-test}; it brings
 * {@code junit-jupiter-api}) and annotate a test method. Its body runs as a coroutine on a runtime
 * made for that test alone, so it awaits like any Weft code:
 *
 * {@snippet :
 * class PingPongTest {
 *     @WeftTest                                        // current-thread runtime, real clock
 *     void pingPong() throws Exception {
 *         var pings = Mpsc.<Integer>bounded(1);
 *         var pongs = Mpsc.<Integer>bounded(1);
 *         JoinHandle<Integer> ponger = Weft.spawn(() -> {
 *             int served = 0;
 *             for (Optional<Integer> n; (n = pings.receiver().recv().await()).isPresent(); served++) {
 *                 pongs.sender().send(n.get() + 1).await();
 *             }
 *             pongs.sender().close();
 *             return served;
 *         });
 *         for (int i = 0; i < 100; i += 2) {
 *             pings.sender().send(i).await();
 *             assertEquals(Optional.of(i + 1), pongs.receiver().recv().await());
 *         }
 *         pings.sender().close();                     // the ponger sees the end and returns
 *         assertEquals(50, ponger.await());           // joined: nothing is left alive
 *     }
 *
 *     @WeftTest(flavor = WeftTest.Flavor.MULTI_THREAD, workers = 4)
 *     void onFourWorkers(Handle handle) { ... }       // a Handle or Runtime parameter: the test's runtime
 *
 *     @WeftTest(startPaused = true)                    // virtual time: sleeps and timeouts are
 *     void aDayLater() { ... }                         // exact, and take no real time
 *
 *     @WeftTest(deterministic = true, seeds = 1000)    // 1000 seeded interleavings on virtual time;
 *     void noMessageLost() { ... }                     // a failure names the seed that replays it
 * }
 * }
 *
 * <p>Polling a future by hand, as tokio-test does: {@link dev.weft.test.MockTask#spawn} wraps a
 * future in a task whose waker counts ({@code poll()}, {@code isWoken()}, {@code waker()},
 * {@code cancel()}), {@link dev.weft.test.PollAssertions} checks one poll
 * ({@code assertPending}, {@code assertReady} returning the value, {@code assertFailed}
 * returning the failure, {@code pollOnce}), and {@link dev.weft.test.CountingWaker} is the
 * waker alone. A future that answers pending and is never woken is the lost-wakeup bug:
 * {@code assertPending(task.poll())}, do what should wake it, then {@code assertTrue(task.isWoken())}.
 *
 * <p>{@link dev.weft.test.Seeds} runs any body under many seeds of the deterministic runtime
 * outside a {@code @WeftTest}, and names the seed of a failure the same way.
 *
 * <p>A {@code @WeftTest} fails, beyond the failures of its own body, when:
 * <ul>
 * <li><b>it leaves work alive</b>: a task, coroutine or blocking task that has not ended when
 *     the body returns (once the clock is stopped and work already under way had up to 500 ms
 *     of real time to finish). Await or abort what you spawn, close a {@code JoinSet}, close the
 *     senders and sockets your tasks wait on; or say {@code allowLiveTasks = true};</li>
 * <li><b>a task failed and nobody joined it</b>: the failure is the test's cause;</li>
 * <li><b>it hangs</b>: after {@code timeoutMillis} of real time (30 s by default) the body is
 *     cancelled and the test fails with the stack where it waited.</li>
 * </ul>
 * Every failure reports the runtime's {@link dev.weft.runtime.RuntimeMetrics}: tasks alive,
 * queues, each worker's polls and parks, the blocking pool and the I/O driver.
 *
 * <p>Every coroutine mode works ({@link dev.weft.runtime.CoroutineMode}): with
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} the body and the tasks' coroutines are
 * virtual threads run by the runtime's own threads (on a current-thread runtime, on one thread);
 * with only {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (and
 * {@code jdk.internal.access}) they are continuations resumed by the runtime's threads; with
 * neither flag, virtual threads on the JDK's scheduler.
 */
package dev.weft.test;
