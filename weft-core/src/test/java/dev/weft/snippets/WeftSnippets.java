package dev.weft.snippets;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.LocalSet;
import dev.weft.runtime.Runtime;
import dev.weft.time.Time;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Examples for the package {@code dev.weft}, {@code Weft} and {@code Async}. */
final class WeftSnippets {
    private WeftSnippets() {
    }

    static void packageInfo() throws Exception {
        // @start region="package"
        Weft.run(() -> {
            var a = Weft.spawn(() -> { Weft.sleep(Duration.ofMillis(50)).await(); return "a"; });
            var b = Weft.spawn(() -> { Weft.sleep(Duration.ofMillis(50)).await(); return "b"; });
            System.out.println(a.await() + " " + b.await());   // "a b", after about 50 ms
            return null;
        });
        // @end
    }

    static final class Main {
        // @start region="weft"
        public static void main(String[] args) throws Exception {
            Weft.run(() -> {
                JoinHandle<String> a = Weft.spawn(() -> "a");
                System.out.println(a.await());
                return null;
            });
        }
        // @end
    }

    static String spawnNamed() throws Exception {
        return Weft.run(() -> {
            int id = 42;
            // @start region="spawn-named"
            JoinHandle<String> h = Weft.spawn("load-user", () -> loadUser(id));
            System.out.println(h.name());   // load-user
            // @end
            return h.await();
        });
    }

    static String spawnVoid() throws Exception {
        return Weft.run(() -> {
            StringBuilder log = new StringBuilder();
            // @start region="spawn-void"
            JoinHandle<Void> h = Weft.spawn(() -> {        // no value: a CheckedRunnable
                Weft.sleep(Duration.ofMillis(10)).await();  // may await (throws Exception)
                log.append("done");
            });
            h.await();                                      // null; rethrows the body's failure
            // @end
            return log.toString();
        });
    }

    static void spawnBlocking() throws Exception {
        // @start region="spawn-blocking"
        Weft.run(() -> {
            long sum = Weft.spawnBlocking(() -> {
                long total = 0;
                for (long i = 0; i < 50_000_000L; i++) {
                    total += i;
                }
                return total;
            }).await();
            System.out.println("sum = " + sum);
            return null;
        });
        // @end
    }

    static int blockInPlace(Path path) throws Exception {
        return Weft.run(() -> {
            // @start region="block-in-place"
            JoinHandle<Integer> size = Weft.spawn(() -> {
                byte[] bytes = Weft.blockInPlace(() -> Files.readAllBytes(path));
                return bytes.length;
            });
            // @end
            return size.await();
        });
    }

    static int spawnLocal() throws Exception {
        // @start region="spawn-local"
        Map<String, Integer> hits = new HashMap<>();          // touched only by local tasks
        try (Runtime rt = Runtime.builder().currentThread().enableAll().build();
             LocalSet set = new LocalSet()) {
            return set.blockOn(rt, Async.async(() -> {
                JoinHandle<Void> h = Weft.spawnLocal(() -> {
                    hits.merge("home", 1, Integer::sum);
                    return null;
                });
                h.await();
                return hits.get("home");
            }));
        }
        // @end
    }

    // @start region="async"
    static Future<String> call(String name, long ms) {
        return Async.async(() -> {                 // lazy: starts when first polled
            Time.sleep(Duration.ofMillis(ms)).await();
            return name + " responded after " + ms + "ms";
        });
    }
    // @end

    static void nonCancellable(dev.weft.io.BufWriter out, dev.weft.runtime.JoinSet<Void> children,
            Future<Void> work) throws Exception {
        // @start region="non-cancellable"
        try {
            work.await();
        } finally {
            // runs to its end even if this coroutine was aborted, for 5 s at most
            Async.nonCancellable(Duration.ofSeconds(5), () -> {
                children.shutdown().await();   // the children have ended when this returns
                out.flush().await();           // and what was buffered is written
                return null;
            });
        }
        // @end
    }

    // ---- what the regions use -------------------------------------------------------------------

    static String loadUser(int id) {
        return "user " + id;
    }
}
