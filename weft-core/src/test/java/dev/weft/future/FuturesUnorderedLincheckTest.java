package dev.weft.future;

import static dev.weft.testkit.LincheckScenarios.scenario;

import dev.weft.testkit.TestWaker;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link FuturesUnordered} under every interleaving Lincheck explores: one thread polls the set
 * while members complete and their wakers fire on other threads. Two members, hand-controlled
 * {@link TestFuture}s pushed at the start: {@code complete(i)} completes member {@code i} and
 * fires the waker of its latest poll (the set's slot), as a real resource would;
 * {@code wake(i)} fires that waker spuriously.
 *
 * <p>The owner runs the set's task as an executor does ({@link Harness#pollSet}): it polls only
 * if the task was woken (or has just been pushed to, or yielded), each time with a fresh waker,
 * so a wake that reaches an older waker is a lost one (contract 2); it polls on while items come
 * or while the task was woken during its poll (a concurrent wake, or the set's yield after
 * {@code len()} members), and returns the sorted members it yielded. That output does not depend
 * on the order in which ready members come out, which is legitimately the order they woke.
 *
 * <ul>
 * <li>{@link PerMember}: linearizable against {@link Spec} (a set of completed members not yet
 *     yielded, all of them yielded by the next run of the task). Each member's operations are a
 *     nonparallel group: a wake of member {@code i} racing its completion may win the slot's
 *     {@code queued} flag and enqueue it only after the completion returned, so the completion
 *     is briefly not visible to the set (the set is woken once the racing wake finishes);
 *     that is allowed, and it is what {@link AnyThread} covers.
 * <li>{@link AnyThread}: completions and wakes of the same member race from any thread; no
 *     output is compared ({@link EpsilonVerifier}), but no member is ever on the ready queue
 *     twice, none is yielded twice or polled after it completed, and the {@link Validate}
 *     function checks that a task left un-woken has nothing to yield.
 * </ul>
 */
@Tag("lincheck")
public class FuturesUnorderedLincheckTest {
    static final int MEMBERS = 2;

    /** The set, its members and the executor's view of its task, shared by both models. */
    static final class Harness {
        private static final Field READY;

        static {
            try {
                READY = FuturesUnordered.class.getDeclaredField("ready");
                READY.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final FuturesUnordered<Integer> set = new FuturesUnordered<>();
        private final List<TestFuture<Integer>> members = new ArrayList<>();
        private final boolean[] completed = new boolean[MEMBERS]; // each written by its completers
        private final boolean[] yielded = new boolean[MEMBERS];   // owner only
        private TestWaker task = new TestWaker(); // owner only: the waker of the latest poll
        private boolean runnable = true;          // owner only: pushed to, or yielded last time
        private volatile String fault;

        Harness() {
            for (int i = 0; i < MEMBERS; i++) {
                TestFuture<Integer> f = new TestFuture<>("m" + i);
                members.add(f);
                set.push(f);
            }
        }

        /** @return the sorted members yielded by this run of the task, "end" after the last */
        String pollSet() {
            List<Integer> out = new ArrayList<>();
            if (!runnable && task.wakes() == 0) {
                return out.toString(); // not woken: an executor does not run the task
            }
            for (;;) {
                checkQueue();
                task = new TestWaker(); // the newest waker is the one that must be woken
                Poll<Integer> p = set.pollNext(task);
                if (Stream.isEnd(p)) {
                    runnable = true;
                    out.sort(null);
                    return fault == null ? out + " end" : fault;
                }
                if (p instanceof Poll.Ready<Integer> r) {
                    int i = r.value();
                    if (yielded[i] || !completed[i]) {
                        fault = "m" + i + " yielded twice, or before it completed";
                    }
                    yielded[i] = true;
                    out.add(i);
                    continue; // a consumer polls on after an item
                }
                if (!p.isPending()) {
                    fault = "unexpected " + p;
                } else if (task.wakes() > 0) {
                    continue; // woken during the poll: an executor runs the task again
                }
                runnable = false;
                out.sort(null);
                return fault == null ? out.toString() : fault;
            }
        }

        void complete(int i) {
            completed[i] = true; // before its wake, as a resource's state change
            members.get(i).complete(i);
            checkQueue();
        }

        void wake(int i) {
            Waker w = members.get(i).lastWaker();
            if (w != null) {
                w.wake();
            }
            checkQueue();
        }

        /** Records a member that is on the ready queue twice at once. */
        private void checkQueue() {
            ArrayDeque<?> ready;
            try {
                ready = (ArrayDeque<?>) READY.get(set);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            Map<Object, Boolean> seen = new IdentityHashMap<>();
            synchronized (ready) {
                for (Object slot : ready) {
                    if (seen.put(slot, Boolean.TRUE) != null) {
                        fault = "a member is on the ready queue twice";
                    }
                }
            }
        }

        /** A task left un-woken has nothing to yield; no member was misused. */
        void validate() {
            if (!runnable && task.wakes() == 0) {
                for (int i = 0; i < MEMBERS; i++) {
                    if (completed[i] && !yielded[i]) {
                        fault = "lost wake-up: m" + i + " completed, the set's task was not woken";
                    }
                }
            }
            for (TestFuture<Integer> f : members) {
                try {
                    f.assertNoMisuse();
                } catch (AssertionError e) {
                    fault = e.getMessage();
                }
            }
            if (fault != null) {
                throw new IllegalStateException(fault);
            }
        }
    }

    /** Each member's operations on one thread; outputs compared with {@link Spec}. */
    public static class PerMember {
        private final Harness h = new Harness();

        @Operation(nonParallelGroup = "owner")
        public String pollSet() {
            return h.pollSet();
        }

        @Operation(nonParallelGroup = "m0")
        public void complete0() {
            h.complete(0);
        }

        @Operation(nonParallelGroup = "m0")
        public void wake0() {
            h.wake(0);
        }

        @Operation(nonParallelGroup = "m1")
        public void complete1() {
            h.complete(1);
        }

        @Operation(nonParallelGroup = "m1")
        public void wake1() {
            h.wake(1);
        }

        @Validate
        public void validate() {
            h.validate();
        }
    }

    /** The sequential specification: completed members, yielded all at the task's next run. */
    public static class Spec {
        private final boolean[] completed = new boolean[MEMBERS];
        private final boolean[] yielded = new boolean[MEMBERS];

        public String pollSet() {
            List<Integer> out = new ArrayList<>();
            boolean all = true;
            for (int i = 0; i < MEMBERS; i++) {
                if (completed[i] && !yielded[i]) {
                    yielded[i] = true;
                    out.add(i);
                }
                all &= yielded[i];
            }
            return all ? out + " end" : out.toString();
        }

        public void complete0() {
            completed[0] = true;
        }

        public void wake0() {
        }

        public void complete1() {
            completed[1] = true;
        }

        public void wake1() {
        }
    }

    /** Completions and wakes of any member from any thread; checked by invariants only. */
    public static class AnyThread {
        private final Harness h = new Harness();

        @Operation(nonParallelGroup = "owner")
        public String pollSet() {
            return h.pollSet();
        }

        @Operation
        public void complete(@Param(gen = IntGen.class, conf = "0:1") int i) {
            h.complete(i);
        }

        @Operation
        public void wake(@Param(gen = IntGen.class, conf = "0:1") int i) {
            h.wake(i);
        }

        @Validate
        public void validate() {
            h.validate();
        }
    }

    @Test
    void perMember() {
        Class<?> c = PerMember.class;
        new ModelCheckingOptions()
                // completions racing the first poll of the pushed members: the store of a slot's
                // queued flag before its poll against the CAS of its waker
                .addCustomScenario(scenario(c, "", List.of("pollSet pollSet", "complete0", "complete1"),
                        "pollSet", "validate"))
                // a woken member polled while it completes, and a completion that reads the task's
                // waker while the set's next poll replaces it
                .addCustomScenario(scenario(c, "pollSet wake0", List.of("pollSet pollSet", "complete0", "complete1"),
                        "pollSet", "validate"))
                // spurious wakes and completions of both members between and during runs
                .addCustomScenario(scenario(c, "pollSet", List.of("pollSet pollSet", "wake0 complete0", "wake1 complete1"),
                        "pollSet", "validate"))
                .sequentialSpecification(Spec.class)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                .iterations(4)
                .invocationsPerIteration(30)
                .check(c);
    }

    @Test
    void anyThread() {
        Class<?> c = AnyThread.class;
        new ModelCheckingOptions()
                // two wakers of one member race for its queued flag, while the set polls it
                .addCustomScenario(scenario(c, "pollSet", List.of("pollSet pollSet", "wake:0", "complete:0"),
                        "pollSet", "validate"))
                .verifier(EpsilonVerifier.class)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                .iterations(4)
                .invocationsPerIteration(30)
                .check(c);
    }
}
