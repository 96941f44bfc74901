package dev.weft.runtime;

import dev.weft.Weft;
import dev.weft.runtime.TaskLifecycle.Flavor;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paused clock may jump only when every task and coroutine is idle. Found while writing
 * {@link TaskLifecycleTest}: a coroutine task that has just returned is not idle until its task
 * took the result, yet on JDK_SCHEDULER a timer of the joiner fires in that window (the coroutine
 * seems to count itself finished before it wakes the task that polls it). Any test that bounds an
 * await with a paused-clock timeout then fails at random.
 */
class PausedClockCoroutineEndTest {
    private static final int JOINS = 2000;

    static Stream<Flavor> flavors() {
        return TaskLifecycle.FLAVORS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void theClockDoesNotJumpWhileAFinishedCoroutineIsBeingJoined(Flavor flavor) throws Exception {
        int jumped;
        CoroutineMode mode;
        try (Runtime rt = flavor.builder().get().build()) {
            mode = rt.handle().coroutineMode();
            jumped = rt.blockOn(rt.spawn(() -> {
                int n = 0;
                for (int i = 0; i < JOINS; i++) {
                    JoinHandle<String> h = Weft.spawn(() -> "done");
                    try {
                        Time.timeout(Duration.ofHours(1), h).await(); // nothing else waits: only a jump can elapse it
                    } catch (Elapsed e) {
                        n++;
                    }
                }
                return n;
            }));
        }
        if (jumped > 0) {
            throw new AssertionError(flavor + " / " + mode + ": the paused clock jumped an hour while a coroutine task "
                    + "that had returned was being joined, in " + jumped + " of " + JOINS + " joins");
        }
    }
}
