package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test whose body runs as a coroutine on a fresh Weft runtime: Weft's
 * {@code #[tokio::test]}. Inside the body {@code future.await()} suspends,
 * {@code Handle.current()} is the test's runtime, and {@code Weft.spawn}, timers and sockets
 * work as in production code. The test also fails if it leaves work behind or lets a task fail
 * unnoticed. The work is done by {@link WeftExtension}; see it for the exact rules.
 *
 * {@snippet :
 * class TimeoutTest {
 *     @WeftTest(startPaused = true)                    // virtual time: minutes take no time
 *     void aSlowCallTimesOutAfterExactlyOneSecond() {
 *         Instant start = Time.now();
 *         Future<String> slow = Async.async(() -> {
 *             Time.sleep(Duration.ofMinutes(5)).await();
 *             return "late";
 *         });
 *         assertThrows(Elapsed.class, () -> Time.timeout(Duration.ofSeconds(1), slow).await());
 *         assertEquals(Duration.ofSeconds(1), Duration.between(start, Time.now()));
 *     }
 * }
 * }
 *
 * <p>What happens, in order (details in {@link WeftExtension}):
 * <ol>
 * <li>a runtime is built for this one test: {@link #flavor()} (current-thread unless told),
 *     time and I/O enabled, the clock paused if {@link #startPaused()};</li>
 * <li>the test method runs as a coroutine on it, driven by a thread of its own, watched by a
 *     real-time guard of {@link #timeoutMillis()};</li>
 * <li>when the body returns, the clock is stopped and work already under way may finish; a
 *     task, coroutine or blocking task still alive then fails the test
 *     (unless {@link #allowLiveTasks()});</li>
 * <li>the runtime is shut down; a task failure that nobody joined fails the test;</li>
 * <li>every failure carries a snapshot of the runtime's metrics.</li>
 * </ol>
 *
 * <p>Parameters of type {@link dev.weft.runtime.Handle} and {@link dev.weft.runtime.Runtime}
 * receive the test's runtime. {@code @BeforeEach} and {@code @AfterEach} methods run on JUnit's
 * thread, outside the runtime. {@code @WeftTest} is a {@code @Test}: it cannot be combined with
 * {@code @ParameterizedTest}, {@code @RepeatedTest} or {@code @TestFactory} (write one
 * {@code @WeftTest} per case, or call a shared method from several).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(WeftExtension.class)
public @interface WeftTest {

    /**
     * The runtime's flavor (default {@link Flavor#CURRENT_THREAD}, as Tokio's tests: one thread
     * runs everything, so interleavings are those of the code, not of the machine).
     *
     * @return the flavor
     */
    Flavor flavor() default Flavor.CURRENT_THREAD;

    /**
     * Worker threads of a {@link Flavor#MULTI_THREAD} runtime (default 2); ignored for
     * {@link Flavor#CURRENT_THREAD}.
     *
     * @return at least 1
     */
    int workers() default 2;

    /**
     * Whether the runtime's clock starts paused (default {@code false}): time then stands still
     * and jumps to the next timer whenever every task is idle, so a test of a one-hour timeout
     * is exact and instant. {@code Time.advance(d).await()} moves it by hand. The clock is
     * pausable in every {@code @WeftTest}, so {@code Time.pause()} also works in a test that
     * starts on real time.
     *
     * @return whether to start paused
     */
    boolean startPaused() default false;

    /**
     * A guard in <em>real</em> time (default 30 s; 0 turns it off): a test still running after
     * this long is cancelled and fails with the stack of its body where it hangs and the
     * runtime's metrics, instead of hanging the build. Virtual time does not count: an hour on
     * a paused clock takes no real time.
     *
     * @return milliseconds of real time, 0 for no guard
     */
    long timeoutMillis() default 30_000;

    /**
     * Whether the test may leave work alive when its body returns (default {@code false}: that
     * fails the test, since a task the test forgot is a bug hiding). With {@code true}, what is
     * left is cancelled at shutdown without complaint, as {@code Weft.run} does.
     *
     * @return whether live tasks are allowed at the end
     */
    boolean allowLiveTasks() default false;

    /** {@link #seed()}'s default: a random first seed, printed, drawn anew for each run of the test. */
    long RANDOM_SEED = Long.MIN_VALUE;

    /**
     * Runs the test on a deterministic runtime ({@code RuntimeBuilder.deterministic(seed)}; default
     * {@code false}): one thread, a paused clock, and the order of ready tasks, simultaneous timers
     * and {@code Select}'s first branch drawn from a seed, so one seed is one interleaving and
     * replays it. Needs {@link Flavor#CURRENT_THREAD} and implies {@code startPaused = true}.
     * A failing run names its seed and how to replay it:
     * {@code seed 0x1234abcd: rerun with @WeftTest(deterministic = true, seed = 0x1234abcdL)}.
     *
     * {@snippet :
     * @WeftTest(deterministic = true, seeds = 1000)    // 1000 interleavings, from a random first seed
     * void cancelledRecvLosesNothing() throws Exception {
     *     var ch = Mpsc.<Integer>bounded(1);
     *     JoinHandle<Void> tx = Weft.spawn(() -> { ch.sender().send(1).await(); ch.sender().close(); return null; });
     *     Weft.select(ch.receiver().recv(), Weft.yieldNow()).await();      // may cancel the recv
     *     assertEquals(Optional.of(1), ch.receiver().recv().await());      // the message was not lost
     *     tx.await();
     * }
     * }
     *
     * <p>In {@code JDK_SCHEDULER} mode (no {@code --add-opens}) coroutines, and so the test body,
     * run on the JDK's threads: only poll-based tasks and timers follow the seed there.
     *
     * @return whether the runtime is deterministic
     */
    boolean deterministic() default false;

    /**
     * The first seed of a {@link #deterministic()} test (default {@link #RANDOM_SEED}: a random
     * one, printed, so a failure can be replayed). With {@link #seeds()} {@code = n} the runs use
     * {@code seed}, {@code seed + 1}, ..., {@code seed + n - 1}.
     *
     * @return the seed
     */
    long seed() default RANDOM_SEED;

    /**
     * How many seeds a {@link #deterministic()} test runs under (default 1): the body runs once
     * per seed, each time on a fresh runtime, and the test fails at the first run that fails.
     *
     * @return at least 1
     */
    int seeds() default 1;

    /** The runtime's flavor. */
    enum Flavor {
        /** {@code Runtime.builder().currentThread()}: one thread runs every task. */
        CURRENT_THREAD,
        /** {@code Runtime.builder().workerThreads(workers)}: the work-stealing scheduler. */
        MULTI_THREAD
    }
}
