package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.LocalSet;
import dev.weft.runtime.Runtime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * State that is not thread-safe, shared without a lock: every task of a {@link LocalSet} runs on
 * the thread that drives the set, so four tasks can count into one plain {@link HashMap} while
 * the runtime's worker threads stay free for everything else. Prints {@code count: 1000} and each
 * task's share.
 */
public final class LocalCounter {
    static final int TASKS = 4;
    static final int INCREMENTS = 250;

    private LocalCounter() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> counts = new HashMap<>(); // touched only by the set's tasks
        try (Runtime rt = Runtime.builder().enableAll().build(); // multi-thread: workers beside the set
             LocalSet set = new LocalSet()) {
            set.blockOn(rt, Async.async(() -> {
                List<JoinHandle<Void>> tasks = new ArrayList<>();
                for (int t = 0; t < TASKS; t++) {
                    String name = "task-" + t;
                    tasks.add(Weft.spawnLocal(() -> {
                        for (int i = 0; i < INCREMENTS; i++) {
                            counts.merge("count", 1, Integer::sum);
                            counts.merge(name, 1, Integer::sum);
                            Weft.yieldNow().await(); // the other local tasks run here, on this thread
                        }
                        return null;
                    }));
                }
                for (JoinHandle<Void> h : tasks) {
                    h.await();
                }
                return null;
            }));
        }
        System.out.println("count: " + counts.get("count"));
        for (int t = 0; t < TASKS; t++) {
            System.out.println("task-" + t + ": " + counts.get("task-" + t));
        }
    }
}
