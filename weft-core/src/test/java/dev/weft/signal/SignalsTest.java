package dev.weft.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Poll;
import dev.weft.io.blocking.PollIo;
import dev.weft.process.Command;
import dev.weft.runtime.Runtime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raises SIGINT and SIGTERM on this very JVM. Every raise first checks that Weft's handler is
 * installed: without it the signal would exit the test JVM.
 */
@Timeout(60)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX signals")
class SignalsTest {
    static final SignalHub INT = SignalHub.of("INT");
    static final SignalHub TERM = SignalHub.of("TERM");

    /**
     * A JVM started with SIGINT ignored (a shell's `cmd &` without job control does that to its
     * children) keeps it ignored: no handler can be installed, so every listener fails with
     * UnsupportedOperationException (IgnoredSignalTest). That is the environment, not Weft: skip with a reason.
     */
    @BeforeAll
    static void sigintIsNotIgnoredByOurParent() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnoredHere(),
                "this JVM was started with SIGINT ignored (e.g. by `mvn ... &` in a script):"
                        + " run the build in the foreground to test signals");
    }

    /** {@return whether this JVM inherited SIGINT ignored (Linux's /proc/self/status; false where unknown)} */
    static boolean sigintIgnoredHere() throws java.io.IOException {
        java.nio.file.Path status = java.nio.file.Path.of("/proc/self/status");
        if (!java.nio.file.Files.isReadable(status)) {
            return false; // not Linux: no way to tell, run the tests
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (ignored & (1L << (2 - 1))) != 0; // bit of signal 2, SIGINT
            }
        }
        return false;
    }

    @AfterEach
    void nobodyListensAnyMore() {
        assertFalse(INT.isInstalled(), "SIGINT handler restored");
        assertFalse(TERM.isInstalled(), "SIGTERM handler restored");
    }

    static void raise(SignalHub hub, String name) {
        assertTrue(hub.isInstalled(), "never raise without Weft's handler: the JVM would exit");
        sun.misc.Signal.raise(new sun.misc.Signal(name));
    }

    /** From a coroutine: lets the other tasks run until someone listens to {@code hub}. */
    static void awaitInstalled(SignalHub hub) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!hub.isInstalled()) {
            if (System.nanoTime() > deadline) {
                fail("nobody started listening to " + hub);
            }
            Weft.yieldNow().await();
        }
    }

    /** The handler installed now (the JDK's wrapper is new each time: its inner handler), swapped out and back in for a moment. */
    static String currentHandler(String name) {
        sun.misc.Signal s = new sun.misc.Signal(name);
        sun.misc.SignalHandler probe = sig -> { };
        sun.misc.SignalHandler current = sun.misc.Signal.handle(s, probe);
        sun.misc.Signal.handle(s, current);
        String text = current.toString();
        return text.substring(text.indexOf('<') + 1);
    }

    @Test
    void everyListenerCompletesAndTheLastOneRestoresTheJvmsHandler() throws Exception {
        String jvms = currentHandler("INT");
        var f1 = Signals.ctrlC();
        var f2 = Signals.ctrlC();
        var w1 = new PollIo.Wakes();
        var w2 = new PollIo.Wakes();
        assertSame(Poll.pending(), f1.poll(w1));
        assertTrue(INT.isInstalled());
        assertSame(Poll.pending(), f2.poll(w2));
        assertSame(Poll.pending(), f1.poll(w1), "no signal yet");
        assertEquals(2, INT.listeners());
        raise(INT, "INT");
        w1.awaitWake();
        w2.awaitWake();
        var late = Signals.ctrlC();
        var w3 = new PollIo.Wakes();
        assertSame(Poll.pending(), late.poll(w3), "a listener that starts after a signal waits for the next");
        assertEquals(Poll.ready(null), f1.poll(w1));
        assertEquals(Poll.ready(null), f2.poll(w2));
        assertThrows(IllegalStateException.class, () -> f1.poll(w1));
        assertTrue(INT.isInstalled(), "late still listens");
        assertSame(Poll.pending(), late.poll(w3));
        raise(INT, "INT");
        w3.awaitWake();
        assertEquals(Poll.ready(null), late.poll(w3));
        assertFalse(INT.isInstalled());
        assertEquals(jvms, currentHandler("INT"), "the JVM's own handler is back");
    }

    @Test
    void cancellingStopsListeningAndLosesNothingForTheOthers() throws Exception {
        var never = Signals.terminate();
        never.cancel(); // before its first poll: it never listened
        assertFalse(TERM.isInstalled());
        var a = Signals.terminate();
        var b = Signals.terminate();
        var wa = new PollIo.Wakes();
        var wb = new PollIo.Wakes();
        assertSame(Poll.pending(), a.poll(wa));
        assertSame(Poll.pending(), b.poll(wb));
        a.cancel();
        assertTrue(TERM.isInstalled(), "b still listens");
        raise(TERM, "TERM");
        wb.awaitWake();
        assertFalse(wa.takeWoken(), "a cancelled listener is not woken");
        b.cancel(); // woken but never polled again: cancelling still restores the handler
        assertFalse(TERM.isInstalled());
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aCoroutineAwaitsCtrlCSentByKill(boolean multi) throws Exception {
        try (Runtime rt = multi ? Runtime.builder().multiThread().workerThreads(2).build() : Runtime.builder().currentThread().build()) {
            String out = rt.blockOn(Async.async(() -> {
                var waiter = Weft.spawn(() -> {
                    Signals.ctrlC().await();
                    return "interrupted";
                });
                awaitInstalled(INT);
                String pid = Long.toString(ProcessHandle.current().pid());
                assertEquals(0, new Command("sh").args("-c", "kill -INT " + pid).status().await().code());
                return waiter.await();
            }));
            assertEquals("interrupted", out);
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aSelectOfBothForAGracefulShutdown(boolean multi) throws Exception {
        try (Runtime rt = multi ? Runtime.builder().multiThread().workerThreads(2).build() : Runtime.builder().currentThread().build()) {
            int winner = rt.blockOn(Async.async(() -> {
                var waiter = Weft.spawn(() -> Weft.select(Signals.ctrlC(), Signals.terminate()).await().index());
                awaitInstalled(TERM);
                awaitInstalled(INT);
                raise(TERM, "TERM");
                return waiter.await();
            }));
            assertEquals(1, winner, "SIGTERM won; the ctrlC loser was cancelled and restored SIGINT");
        }
    }

    @Test
    void aSignalThatCannotBeHandledFailsClearly() {
        var e = assertThrows(UnsupportedOperationException.class, () -> SignalHub.of("NOSUCHSIGNAL"));
        assertTrue(e.getMessage().contains("SIGNOSUCHSIGNAL does not exist"), e.getMessage());
        var kill = new SignalFuture(SignalHub.of("KILL")); // the OS keeps SIGKILL to itself
        var failed = assertInstanceOf(Poll.Failed.class, kill.poll(new PollIo.Wakes()));
        var uoe = assertInstanceOf(UnsupportedOperationException.class, failed.error());
        assertTrue(uoe.getMessage().contains("cannot handle SIGKILL"), uoe.getMessage());
        assertEquals(0, SignalHub.of("KILL").listeners());
    }
}
