package dev.weft.time;

import dev.weft.future.internal.Args;
import java.time.Duration;

/**
 * {@link Clock#paused()}: stands still while paused, follows {@link System#nanoTime()} from
 * where it stands while running.
 */
final class PausableClock extends Clock {
    /*
     * Implementation notes. The whole state is one immutable State in a volatile field, so
     * nanoTime() is one volatile read (plus System.nanoTime() while running) and never sees a
     * half-made change. Changes are synchronized on this, so they compose (advance reads the
     * current time and moves it in one step). Time never goes back: pause() freezes the running
     * reading, resume() picks the offset that continues from the frozen value, and advanceTo
     * only moves forward.
     */

    /**
     * @param paused whether time stands still
     * @param value while paused, the time; while running, the offset added to System.nanoTime()
     */
    private record State(boolean paused, long value) {
    }

    // Replaced (under this monitor) by pause/resume/advance; read without locking by nanoTime().
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

    @Override
    public synchronized void pause() {
        State s = state;
        if (!s.paused) {
            state = new State(true, Nanos.add(System.nanoTime(), s.value));
        }
    }

    @Override
    public synchronized void resume() {
        State s = state;
        if (s.paused) {
            state = new State(false, s.value - System.nanoTime());
        }
    }

    @Override
    public synchronized void advance(Duration duration) {
        Args.nonNegative(duration, "duration");
        State s = requirePaused("advance(Duration)");
        advanceTo(Math.min(Nanos.add(s.value, Nanos.of(duration)), Long.MAX_VALUE - 1));
    }

    @Override
    public synchronized void advanceTo(long nanos) {
        State s = requirePaused("advanceTo(long)");
        if (nanos > s.value && nanos != Long.MAX_VALUE) {
            state = new State(true, nanos);
        }
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
