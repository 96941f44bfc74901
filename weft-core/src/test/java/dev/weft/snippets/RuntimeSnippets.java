package dev.weft.snippets;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.net.TcpListener;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.IoDriver;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.ThreadPerCore;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

/** Examples for the package {@code dev.weft.runtime}, {@code Runtime} and {@code RuntimeBuilder}. */
final class RuntimeSnippets {
    private RuntimeSnippets() {
    }

    static String packageInfo() throws Exception {
        // @start region="package"
        try (Runtime rt = Runtime.builder().currentThread().enableTime().build()) {
            JoinHandle<String> h = rt.spawn("greeter", Futures.ready("hi"));
            System.out.println(rt.blockOn(h));
            System.out.println(rt.metrics());
            System.out.println(rt.handle().dumpTasks());   // every live task, and what it waits for
        }
        // @end
        return "hi";
    }

    static String runtime() throws Exception {
        // @start region="runtime"
        try (Runtime rt = Runtime.builder().currentThread().enableTime().build()) {
            String s = rt.blockOn(Async.async(() -> {
                Time.sleep(Duration.ofMillis(10)).await();
                return "done";
            }));
            System.out.println(s);
        }
        // @end
        return "done";
    }

    static long spawnBlocking() throws Exception {
        // @start region="spawn-blocking"
        try (Runtime rt = Runtime.builder().enableAll().build()) {
            long sum = rt.blockOn(rt.spawnBlocking(() -> LongStream.rangeClosed(1, 1_000_000).sum()));
            System.out.println(sum);   // 500000500000
        }
        // @end
        return 500_000_500_000L;
    }

    static Runtime builder() {
        // @start region="builder"
        Runtime rt = Runtime.builder()
                .currentThread()
                .enableTime()
                .startPaused(true)                                // virtual time, for tests
                .blockedWorkerThreshold(Duration.ofMillis(50))   // report polls that block longer
                .build();
        // @end
        return rt;
    }

    static Runtime builderBlockingPool() {
        // @start region="builder-blocking-pool"
        Runtime rt = Runtime.builder()
                .enableAll()
                .maxBlockingThreads(16)                       // a bounded platform-thread pool ...
                .threadKeepAlive(Duration.ofSeconds(30))      // ... whose idle threads exit after 30 s
                .build();
        // @end
        return rt;
    }

    static String coroutineMode() throws Exception {
        // @start region="coroutine-mode"
        try (Runtime rt = Runtime.builder().coroutineMode(CoroutineMode.CONTINUATION).build()) {
            return rt.blockOn(rt.spawn(() -> "no thread per coroutine"));
        }
        // @end
    }

    static void ioDriver() throws Exception {
        // @start region="io-driver"
        try (Runtime rt = Runtime.builder().enableAll().ioDriver(IoDriver.EPOLL).build()) {
            rt.blockOn(Async.async(() -> {
                try (TcpListener listener = TcpListener.bind("127.0.0.1:0")) {   // watched by epoll
                    return listener.localAddress();
                }
            }));
        }
        // @end
    }

    static void deterministic() throws Exception {
        // @start region="deterministic"
        for (long seed = 0; seed < 1_000; seed++) {
            try (Runtime rt = Runtime.builder().deterministic(seed).build()) {
                rt.blockOn(scenario());              // a different interleaving per seed
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
        // @end
    }

    static void threadPerCore() throws Exception {
        // @start region="thread-per-core"
        try (ThreadPerCore cores = Runtime.builder().enableAll().threadPerCore().cores(2).build()) {
            for (JoinHandle<String> h : cores.onEachCore(i -> () -> "core " + i)) {
                System.out.println(h.await());
            }
        }
        // @end
    }

    // ---- what the regions use -------------------------------------------------------------------

    /** Two tasks that race to append; whatever the order, neither write is lost. */
    static Future<Void> scenario() {
        return Async.async(() -> {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            JoinHandle<Boolean> a = Weft.spawn(() -> order.add("a"));
            JoinHandle<Boolean> b = Weft.spawn(() -> order.add("b"));
            a.await();
            b.await();
            if (order.size() != 2) {
                throw new AssertionError("a write was lost: " + order);
            }
            return null;
        });
    }
}
