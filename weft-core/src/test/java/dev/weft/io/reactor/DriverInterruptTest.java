package dev.weft.io.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.future.CancelledException;
import dev.weft.runtime.IoDriver;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Notify;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An interrupt ends a driver's blocking wait on every driver, as it ends a selector's: a thread
 * blocked in {@code turn} returns, and an interrupted {@code blockOn} on an I/O runtime fails at
 * once with {@link CancelledException} instead of sleeping in the kernel. The epoll driver once
 * slept through interrupts (its wait is a native call), and a test guard that interrupts a hung
 * test's thread waited forever.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a regression hangs: fail instead
class DriverInterruptTest {
    @ParameterizedTest
    @EnumSource(IoDriver.class)
    void anInterruptEndsABlockingTurn(IoDriver driver) throws Exception {
        assumeTrue(driver.isAvailable(), () -> driver + ": " + driver.unavailableReason().orElseThrow());
        Reactor io = OpenDriver.open(driver);
        try {
            CountDownLatch entered = new CountDownLatch(1);
            CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
            Thread t = Thread.ofPlatform().start(() -> {
                entered.countDown();
                io.turn(-1); // no deadline: only an interrupt (or a wake-up) ends it
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            });
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            Thread.sleep(50); // let it block (if the interrupt comes first, the turn must end at once too)
            t.interrupt();
            assertTrue(stillInterrupted.get(10, TimeUnit.SECONDS), "the interrupt status is kept for the caller");
            t.join(10_000);
            // after the spent interrupt hook, a waiting thread still wakes on its interrupt
            // (a turn may end early once after a wake-up: callers loop, as this one does)
            Thread u = Thread.ofPlatform().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    io.turn(-1);
                }
            });
            Thread.sleep(50);
            assertTrue(u.isAlive(), "turns with nothing to do wait");
            u.interrupt();
            u.join(10_000);
            assertTrue(!u.isAlive(), "the second interrupt ended the second wait");
        } finally {
            io.close();
        }
    }

    @ParameterizedTest
    @EnumSource(IoDriver.class)
    void anInterruptedBlockOnFailsAtOnce(IoDriver driver) throws Exception {
        assumeTrue(driver.isAvailable(), () -> driver + ": " + driver.unavailableReason().orElseThrow());
        try (Runtime rt = Runtime.builder().currentThread().enableIo().ioDriver(driver).build()) {
            Notify never = new Notify();
            Thread caller = Thread.currentThread();
            Thread interrupter = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                caller.interrupt();
            });
            try {
                assertThrows(CancelledException.class, () -> rt.blockOn(never.notified()));
                assertTrue(Thread.interrupted(), "the interrupt status is kept");
            } finally {
                interrupter.join();
                Thread.interrupted();
            }
            assertEquals(0, rt.handle().aliveTasks());
        }
    }
}
