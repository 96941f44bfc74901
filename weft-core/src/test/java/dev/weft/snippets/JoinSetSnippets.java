package dev.weft.snippets;

import dev.weft.future.Outcome;
import dev.weft.runtime.JoinSet;
import dev.weft.runtime.JoinedTask;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Examples for {@code JoinSet}; each method runs inside a runtime. */
final class JoinSetSnippets {
    private JoinSetSnippets() {
    }

    static void joinSet(List<String> urls) throws Exception {
        // @start region="join-set"
        try (JoinSet<String> set = new JoinSet<>()) {
            for (String url : urls) {
                set.spawn(() -> fetch(url));            // coroutine tasks on the current runtime
            }
            Optional<String> page;
            while ((page = set.joinNext().await()).isPresent()) {
                System.out.println(page.get());         // in completion order
            }
        }   // close(): whatever is still in the set is aborted
        // @end
    }

    static List<String> joinNextWithId(List<String> urls) throws Exception {
        List<String> report = new ArrayList<>();
        // @start region="join-next-with-id"
        try (JoinSet<String> set = new JoinSet<>()) {
            for (String url : urls) {
                set.spawn("fetch " + url, () -> fetch(url)); // named: dumps and JoinErrors show it
            }
            Optional<JoinedTask<String>> done;
            while ((done = set.joinNextWithId().await()).isPresent()) {
                JoinedTask<String> t = done.get();
                switch (t.outcome()) {
                    case Outcome.Success<String> ok -> report.add(t.name() + ": " + ok.value());
                    case Outcome.Failure<String> f -> report.add(t.name() + " failed: " + f.error());
                }
            }
        }
        // @end
        return report;
    }

    static String spawn() throws Exception {
        try (JoinSet<String> set = new JoinSet<>()) {
            // @start region="spawn"
            set.spawn(() -> { Time.sleep(Duration.ofMillis(10)).await(); return "done"; });
            // @end
            return set.joinNext().await().orElseThrow();
        }
    }

    static int spawnVoid(List<String> names) throws Exception {
        AtomicInteger greeted = new AtomicInteger();
        // @start region="spawn-void"
        try (JoinSet<Void> set = new JoinSet<>()) {
            for (String name : names) {
                set.spawn(() -> {                       // no value: a CheckedRunnable
                    Time.sleep(Duration.ofMillis(10)).await();
                    System.out.println("hello " + name);
                    greeted.incrementAndGet();
                });
            }
            while (!set.isEmpty()) {                    // not joinNext().isPresent(): a Void value is null
                set.joinNext().await();                 // rethrows a task's failure
            }
        }
        // @end
        return greeted.get();
    }

    static Optional<Integer> joinNext(JoinSet<Integer> set) throws Exception {
        // @start region="join-next"
        Optional<Integer> next = set.joinNext().await();
        // @end
        return next;
    }

    static Optional<Outcome<String>> joinNextOutcome(JoinSet<String> set) throws Exception {
        // @start region="join-next-outcome"
        Optional<Outcome<String>> next = set.joinNextOutcome().await();
        next.ifPresent(o -> { if (!o.isSuccess()) log(o); });
        // @end
        return next;
    }

    static List<Outcome<String>> tryJoinNext(JoinSet<String> set) {
        List<Outcome<String>> results = new ArrayList<>();
        // @start region="try-join-next"
        set.tryJoinNext().ifPresent(o -> results.add(o));
        // @end
        return results;
    }

    static List<String> joinAll(JoinSet<String> set) throws Exception {
        // @start region="join-all"
        List<String> all = set.joinAll().await();
        // @end
        return all;
    }

    static void shutdown(JoinSet<String> set) throws Exception {
        // @start region="shutdown"
        set.shutdown().await();                         // every task aborted, and all have ended
        assert set.isEmpty();
        // @end
    }

    // ---- what the regions use -------------------------------------------------------------------

    static String fetch(String url) {
        Time.sleep(Duration.ofMillis(url.length())).await();
        return "<html>" + url + "</html>";
    }

    static void log(Outcome<?> o) {
        System.err.println(o);
    }
}
