package dev.weft.future;

import static dev.weft.future.ArgChecks.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Future#toCompletableFuture(Executor)}: a future polled on an executor, seen as a CompletableFuture. */
class ToCompletableFutureTest {

    /** An executor the test runs by hand: nothing runs until {@link #runAll()}. */
    static final class ManualExecutor implements Executor {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        int submitted;
        boolean refuse;

        @Override
        public synchronized void execute(Runnable r) {
            if (refuse) {
                throw new RejectedExecutionException("refused");
            }
            submitted++;
            queue.add(r);
        }

        void runAll() {
            Runnable r;
            while ((r = next()) != null) {
                r.run();
            }
        }

        private synchronized Runnable next() {
            return queue.poll();
        }
    }

    private final ManualExecutor exec = new ManualExecutor();

    @Test
    void theValueCompletesTheCompletableFutureOnTheExecutor() throws Exception {
        TestFuture<String> f = new TestFuture<>();
        CompletableFuture<String> cf = f.toCompletableFuture(exec);
        assertEquals(1, exec.submitted, "the first poll is submitted at once");
        assertEquals(0, f.polls(), "and runs on the executor, not here");
        exec.runAll();
        assertEquals(1, f.polls());
        assertFalse(cf.isDone());
        f.complete("v");
        assertFalse(cf.isDone(), "the wake-up submits a poll; the value arrives when it runs");
        exec.runAll();
        assertEquals("v", cf.getNow(null));
        f.assertNoMisuse();
    }

    @Test
    void aFailureIsGivenAsItIs() {
        IOException boom = new IOException("boom");
        CompletableFuture<String> cf = Futures.<String>failed(boom).toCompletableFuture(exec);
        exec.runAll();
        assertSame(boom, assertThrows(ExecutionException.class, cf::get).getCause());
        assertSame(boom, assertThrows(CompletionException.class, cf::join).getCause());
    }

    @Test
    void anExceptionEscapingPollIsTheFailure() {
        TestFuture<String> f = new TestFuture<>();
        IllegalStateException boom = new IllegalStateException("poll blew up");
        f.throwOnPoll(boom);
        CompletableFuture<String> cf = f.toCompletableFuture(exec);
        exec.runAll();
        assertSame(boom, assertThrows(CompletionException.class, cf::join).getCause());
    }

    @Test
    void aCancelledExceptionFailureMakesItCancelled() {
        CompletableFuture<String> cf = Futures.<String>failed(new CancelledException("gone")).toCompletableFuture(exec);
        exec.runAll();
        assertTrue(cf.isCancelled());
    }

    @Test
    void wakeUpsWhileARunIsDueSubmitNothingMore() {
        TestFuture<String> f = new TestFuture<>();
        f.toCompletableFuture(exec);
        exec.runAll();
        Waker w = f.lastWaker();
        w.wake();
        w.wake();
        w.wake();
        assertEquals(2, exec.submitted, "one run per batch of wake-ups");
        exec.runAll();
        assertEquals(2, f.polls());
    }

    @Test
    void aWakeDuringThePollSubmitsTheNextPollAfterIt() {
        int[] polls = {0};
        Future<String> selfWaking = cx -> {
            if (++polls[0] < 3) {
                cx.waker().wake(); // a yield
                return Poll.pending();
            }
            return Poll.ready("third time");
        };
        CompletableFuture<String> cf = selfWaking.toCompletableFuture(exec);
        exec.runAll();
        assertEquals("third time", cf.getNow(null));
        assertEquals(3, exec.submitted);
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheFutureOnTheExecutor() {
        TestFuture<String> f = new TestFuture<>();
        CompletableFuture<String> cf = f.toCompletableFuture(exec);
        exec.runAll();
        assertTrue(cf.cancel(true));
        assertEquals(0, f.cancels(), "cancel() runs on the executor, like the polls");
        exec.runAll();
        assertEquals(1, f.cancels());
        assertEquals(1, f.polls());
        assertTrue(cf.isCancelled());
        cf.cancel(true); // again: nothing more
        exec.runAll();
        assertEquals(1, f.cancels());
        f.assertNoMisuse();
    }

    @Test
    void cancellingBeforeTheFirstPollCancelsWithoutPolling() {
        TestFuture<String> f = new TestFuture<>();
        CompletableFuture<String> cf = f.toCompletableFuture(exec);
        cf.cancel(false);
        exec.runAll();
        assertEquals(0, f.polls());
        assertEquals(1, f.cancels());
        f.assertNoMisuse();
    }

    @Test
    void cancellingDuringAPollCancelsAfterIt() {
        CompletableFuture<?>[] self = new CompletableFuture<?>[1];
        TestFuture<String> inner = new TestFuture<>();
        Future<String> f = new Future<>() {
            @Override
            public Poll<String> poll(Context cx) {
                self[0].cancel(false); // another thread's cancel, landing mid-poll
                return inner.poll(cx);
            }

            @Override
            public void cancel() {
                inner.cancel();
            }
        };
        self[0] = f.toCompletableFuture(exec);
        exec.runAll();
        assertEquals(1, inner.polls());
        assertEquals(1, inner.cancels());
        inner.assertNoMisuse();
    }

    @Test
    void completingTheCompletableFutureFromOutsideCancelsTheFuture() {
        TestFuture<String> f = new TestFuture<>();
        CompletableFuture<String> cf = f.toCompletableFuture(exec);
        exec.runAll();
        assertTrue(cf.complete("from outside"));
        exec.runAll();
        assertEquals(1, f.cancels());
        f.complete("too late");
        exec.runAll();
        assertEquals("from outside", cf.join());

        TestFuture<String> g = new TestFuture<>();
        CompletableFuture<String> cg = g.toCompletableFuture(exec);
        exec.runAll();
        assertTrue(cg.completeExceptionally(new IOException("outside")));
        exec.runAll();
        assertEquals(1, g.cancels());
        f.assertNoMisuse();
        g.assertNoMisuse();
    }

    @Test
    void anExecutorRefusingTheFirstPollThrowsAndCancelsTheFuture() {
        TestFuture<String> f = new TestFuture<>();
        exec.refuse = true;
        assertThrows(RejectedExecutionException.class, () -> f.toCompletableFuture(exec));
        assertEquals(1, f.cancels());
        assertEquals(0, f.polls());
    }

    @Test
    void anExecutorRefusingALaterPollFailsItAndCancelsTheFuture() {
        TestFuture<String> f = new TestFuture<>();
        CompletableFuture<String> cf = f.toCompletableFuture(exec);
        exec.runAll();
        exec.refuse = true;
        f.complete("v"); // the wake-up's submission is refused
        assertInstanceOf(RejectedExecutionException.class, assertThrows(CompletionException.class, cf::join).getCause());
        assertEquals(1, f.cancels());
        f.assertNoMisuse(); // cancelled before it could be polled with its value
    }

    @Test
    void completionFromAnotherThreadReachesACompletableFutureOnARealExecutor() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 500; i++) {
                TestFuture<Integer> f = new TestFuture<>();
                CompletableFuture<Integer> cf = f.toCompletableFuture(pool);
                int v = i;
                other.execute(() -> f.complete(v));
                assertEquals(v, (int) cf.get(10, TimeUnit.SECONDS));
                f.assertNoMisuse();
            }
        } finally {
            pool.shutdownNow();
            other.shutdownNow();
        }
    }

    @Test
    void nullExecutorIsRejectedByName() {
        assertRejects("executor", () -> Futures.ready(1).toCompletableFuture(null));
    }
}
