package dev.weft.runtime;

import dev.weft.Weft;
import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.TaskLifecycle.Body;
import dev.weft.runtime.TaskLifecycle.End;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Mutex;
import dev.weft.sync.Notify;
import dev.weft.sync.Oneshot;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The task side of the lifecycle tests: the same bodies written as a coroutine and as a
 * hand-written future, the {@link Probe} where they record what they did, the {@link Gate}s
 * they wait on, and a bounded await for the controller.
 */
final class LifecycleTasks {
    private LifecycleTasks() {
    }

    // ---- bounded waits ------------------------------------------------------------------------

    /** Real time after which a wait that should have ended is reported (only a bug takes that long). */
    static final long WAIT_LIMIT_SECONDS = 10;
    private static final ScheduledThreadPoolExecutor ALARMS = alarms();

    private static ScheduledThreadPoolExecutor alarms() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lifecycle-test-alarm");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true); // most alarms are cancelled: do not let them pile up
        return e;
    }

    /**
     * Awaits {@code f} (from a coroutine, or any thread), failing with an {@link AssertionError} naming
     * {@code what} if it has not completed after {@link #WAIT_LIMIT_SECONDS} of real time, so a
     * lost wake-up fails its combination instead of hanging the suite. Real time, not the paused
     * clock: the paused clock is the runtime's own, and on JDK_SCHEDULER it can jump while a
     * coroutine's completion is still being delivered (see PausedClockCoroutineEndTest).
     */
    static <T> T bounded(Future<T> f, String what) throws Exception {
        Oneshot.Channel<Boolean> alarm = Oneshot.channel();
        ScheduledFuture<?> timer = ALARMS.schedule(() -> alarm.sender().send(true), WAIT_LIMIT_SECONDS,
                TimeUnit.SECONDS);
        Oneshot.Receiver<Boolean> rang = alarm.receiver();
        Future<T> either = cx -> {
            Poll<T> p = f.poll(cx);
            if (p.isPending() && rang.poll(cx).isReady()) {
                f.cancel();
                return Poll.failed(new AssertionError("awaiting " + what + " did not complete in "
                        + WAIT_LIMIT_SECONDS + " s: a lost wake-up?"));
            }
            return p;
        };
        try {
            return either.await();
        } finally {
            timer.cancel(false);
        }
    }

    // ---- the task's side: what it records, and the two ways to write it ---------------------

    /** The task's own failure: checked, so the join must hand it over as it is. */
    static final class Boom extends Exception {
        private static final long serialVersionUID = 1L;

        Boom() {
            super("boom", null, false, false); // no stack: thousands are made
        }
    }

    static final Object RESULT = "result";
    static final String MESSAGE = "message";

    /**
     * What one task did, written by the task and read by the controller. Volatile: the task may
     * run on another thread, and the reads that matter come after a join or the close anyway.
     */
    static final class Probe {
        final Boom boom = new Boom();
        /** Signalled when the task polled its gate the first time (it is registered there). */
        final Notify reached = new Notify();
        /** Signalled when the body returned or threw its own failure. */
        final Notify done = new Notify();
        volatile boolean started;
        volatile boolean pastAwait;
        volatile boolean criticalSection;
        /** Coroutine: its finally ran; poll task: it returned ready or was cancelled. */
        volatile boolean cleanedUp;
        volatile End end;
        volatile Object value;

        void returned(Object v) {
            value = v;
            end = End.RETURNED;
            done.notifyOne();
        }

        /** @return the end as the body saw it, or null if it started and never ended */
        End actual() {
            if (!started) {
                return End.NOT_RUN;
            }
            return end;
        }
    }

    /** The resources a gated body waits on, and the controller's side of them. */
    static final class Gate {
        final Mpsc.Channel<String> channel = Mpsc.unbounded();
        final Mutex<Integer> mutex = new Mutex<>(0);
        final Notify notify = new Notify();

        Future<?> open(Body body) {
            return switch (body) {
                case RECV -> channel.receiver().recv();
                case LOCK -> mutex.lock();
                case NOTIFY -> notify.notified();
                default -> throw new IllegalArgumentException("not gated: " + body);
            };
        }

        /** What the body does once through its await; returns its value. */
        Object passed(Body body, Object got, Probe probe) {
            probe.pastAwait = true;
            return switch (body) {
                case RECV -> ((java.util.Optional<?>) got).orElseThrow();
                case LOCK -> {
                    @SuppressWarnings("unchecked")
                    Mutex.Guard<Integer> g = (Mutex.Guard<Integer>) got;
                    probe.criticalSection = true;
                    g.set(g.get() + 1);
                    g.close();
                    yield RESULT;
                }
                default -> RESULT;
            };
        }
    }

    /**
     * Wraps a gate so that its first poll signals {@link Probe#reached}: the controller then
     * knows the task is registered at the gate (queued on the mutex, its waker at the channel),
     * not merely about to await.
     */
    static final class Reached<T> implements Future<T> {
        private final Future<T> inner;
        private final Probe probe;
        private boolean signalled;

        Reached(Future<T> inner, Probe probe) {
            this.inner = inner;
            this.probe = probe;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Poll<T> p = inner.poll(cx);
            if (!signalled) {
                signalled = true;
                probe.reached.notifyOne();
            }
            return p;
        }

        @Override
        public void cancel() {
            inner.cancel();
        }
    }

    static Callable<Object> coroutine(Body body, Probe probe, Gate gate) {
        return () -> {
            probe.started = true;
            try {
                Object v = switch (body) {
                    case VALUE -> RESULT;
                    case FAIL -> throw probe.boom;
                    case YIELD -> {
                        Weft.yieldNow().await();
                        yield RESULT;
                    }
                    default -> gate.passed(body, new Reached<>(gate.open(body), probe).await(), probe);
                };
                probe.returned(v);
                return v;
            } catch (Boom b) {
                probe.returned(b);
                throw b;
            } catch (CancelledException c) {
                probe.end = End.CANCELLED;
                throw c;
            } finally {
                probe.cleanedUp = true;
            }
        };
    }

    static Future<Object> pollTask(Body body, Probe probe, Gate gate) {
        return new PollTask(body, probe, gate);
    }

    /** The same bodies as a hand-written future. */
    private static final class PollTask implements Future<Object> {
        private final Body body;
        private final Probe probe;
        private final Gate gate;
        private Future<?> gated;
        private boolean yielded;

        PollTask(Body body, Probe probe, Gate gate) {
            this.body = body;
            this.probe = probe;
            this.gate = gate;
        }

        @Override
        public Poll<Object> poll(Context cx) {
            probe.started = true;
            switch (body) {
                case VALUE -> {
                    return finish(RESULT);
                }
                case FAIL -> {
                    probe.returned(probe.boom);
                    probe.cleanedUp = true;
                    return Poll.failed(probe.boom);
                }
                case YIELD -> {
                    if (!yielded) {
                        yielded = true;
                        cx.waker().wake();
                        return Poll.pending();
                    }
                    return finish(RESULT);
                }
                default -> {
                    if (gated == null) {
                        gated = new Reached<>(gate.open(body), probe);
                    }
                    Poll<?> p = gated.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    return finish(gate.passed(body, p.get(), probe));
                }
            }
        }

        private Poll<Object> finish(Object v) {
            probe.returned(v);
            probe.cleanedUp = true;
            return Poll.ready(v);
        }

        @Override
        public void cancel() {
            if (gated != null) {
                gated.cancel();
            }
            if (probe.started) {
                probe.end = End.CANCELLED;
            }
            probe.cleanedUp = true;
        }
    }
}
