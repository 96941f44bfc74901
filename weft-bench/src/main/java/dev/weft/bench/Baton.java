package dev.weft.bench;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A one-slot hand-off for ping-pong benchmarks: {@link #pass()} puts the token in the slot and
 * wakes the waiter; awaiting the baton (it is its own future) returns once it took the token.
 * One thread or coroutine passes, one other awaits.
 *
 * <p>Unlike an ordinary future, a baton is polled again after it was ready: each await consumes
 * one token and the next await waits for the next one. That keeps the benchmark loop free of
 * allocation, so {@code -prof gc} shows what the runtime allocates and nothing else.
 *
 * <p>Implementation notes. The waiter writes its waker (volatile) and then re-takes the token;
 * {@link #pass()} writes the token (volatile) and then reads the waker. With both sides
 * volatile, at least one of them sees the other: no lost wake-up. The waiter clears its waker
 * when it takes the token; in strict alternation the passer's next {@code pass()} comes after
 * that, so it never wakes a stale waiter.
 */
final class Baton implements Future<Void> {
    private static final VarHandle TOKEN;

    static {
        try {
            TOKEN = MethodHandles.lookup().findVarHandle(Baton.class, "token", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through TOKEN
    private volatile boolean token;
    private volatile Waker waiter;

    /** Puts the token in the slot and wakes the waiter, if one is registered. */
    void pass() {
        token = true; // volatile write, then read waiter: pairs with poll()
        Waker w = waiter;
        if (w != null) {
            w.wake();
        }
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if ((boolean) TOKEN.getAndSet(this, false)) { // volatile: sees pass()'s write
            waiter = null;
            return Poll.ready(null); // shared instance: no allocation
        }
        waiter = cx.waker(); // volatile write, then re-take the token: pairs with pass()
        if ((boolean) TOKEN.getAndSet(this, false)) {
            waiter = null;
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    /** Awaits the token; a plain thread parks, a coroutine suspends. Throws nothing checked. */
    @Override
    public Void await() {
        try {
            return Future.super.await();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("a baton cannot fail", e);
        }
    }
}
