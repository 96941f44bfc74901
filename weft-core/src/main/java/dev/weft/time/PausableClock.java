package dev.weft.time;

import dev.weft.future.internal.Args;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * {@link Clock#paused()}: stands still while paused, follows {@link System#nanoTime()} from
 * where it stands while running.
 */
final class PausableClock extends Clock {
    /*
     * Implementation notes. The whole state is one immutable State in a volatile field, so
     * nanoTime() is one volatile read (plus System.nanoTime() while running) and never sees a
     * half-made change. Changes CAS the field from the State they computed from, retrying if
     * another change came first, so they compose (advance reads the current time and moves it in
     * one step). No lock: coroutines and poll-based tasks on the workers both change the clock,
     * and a coroutine that waits for a monitor unmounts and may be handed it while queued, so a
     * worker blocked on it could wait forever (docs/design-notes.md). Time never goes back:
     * pause() freezes the running reading, resume() picks the offset that continues from the
     * frozen value, and advanceTo only moves forward.
     */

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PausableClock.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param paused whether time stands still
     * @param value while paused, the time; while running, the offset added to System.nanoTime()
     */
    private record State(boolean paused, long value) {
    }

    // Replaced (by CAS) by pause/resume/advance; read without locking by nanoTime().
    private volatile State state;

    PausableClock(long start) {
        super(start, SystemClock.INSTANCE.instantAt(start));
        this.state = new State(true, start);
    }

    @Override
    public long nanoTime() {
        State s = state; // volatile read: the latest pause/resume/advance
        return s.paused ? s.value : Nanos.add(System.nanoTime(), s.value);
    }

    @Override
    public boolean isPaused() {
        return state.paused;
    }

    /** Volatile CAS from {@code expect}, the State the change was computed from. */
    private boolean casState(State expect, State update) {
        return STATE.compareAndSet(this, expect, update);
    }

    @Override
    public void pause() {
        State s;
        do {
            s = state;
            if (s.paused) {
                return;
            }
        } while (!casState(s, new State(true, Nanos.add(System.nanoTime(), s.value))));
    }

    @Override
    public void resume() {
        State s;
        do {
            s = state;
            if (!s.paused) {
                return;
            }
        } while (!casState(s, new State(false, s.value - System.nanoTime())));
    }

    @Override
    public void advance(Duration duration) {
        Args.nonNegative(duration, "duration");
        long by = Nanos.of(duration);
        State s;
        do {
            s = requirePaused("advance(Duration)");
        } while (!moveTo(s, Math.min(Nanos.add(s.value, by), Long.MAX_VALUE - 1)));
    }

    @Override
    public void advanceTo(long nanos) {
        State s;
        do {
            s = requirePaused("advanceTo(long)");
        } while (!moveTo(s, nanos));
    }

    /** @return false if {@code s} is stale; else the time moved from it to {@code nanos} or need not move */
    private boolean moveTo(State s, long nanos) {
        return nanos <= s.value || nanos == Long.MAX_VALUE || casState(s, new State(true, nanos));
    }

    private State requirePaused(String what) {
        State s = state;
        if (!s.paused) {
            throw new IllegalStateException(what + " needs the clock paused, but it runs: call pause() first");
        }
        return s;
    }

    @Override
    public String toString() {
        return "Clock.paused()@" + nanoTime() + (isPaused() ? " (paused)" : " (running)");
    }
}
