package dev.weft.snippets;

import dev.weft.future.Futures;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Oneshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Examples for {@code Handle}. */
final class HandleSnippets {
    private HandleSnippets() {
    }

    /** Called inside a task or a coroutine. */
    static String handle() throws Exception {
        // @start region="handle"
        Handle h = Handle.current();            // inside a task or coroutine
        JoinHandle<Integer> t = h.spawn(Futures.ready(1));
        JoinHandle<String> u = h.spawn("fetch-user", () -> fetchUser(42));   // a named coroutine task
        System.out.println(h.metrics());
        // @end
        return t.await() + " " + u.await();
    }

    /** Called inside a coroutine. */
    static String spawnBlocking(Path path) throws Exception {
        // @start region="spawn-blocking"
        JoinHandle<String> h = Handle.current().spawnBlocking(() -> Files.readString(path));
        String text = h.await();    // IOException of readString, if any, as it is
        // @end
        return text;
    }

    /** Called inside a runtime, by a test that failed. */
    static void seed() {
        // @start region="seed"
        Handle.current().seed().ifPresent(s -> System.err.println("replay with deterministic(" + s + "L)"));
        // @end
    }

    static int executor(Runtime runtime) {
        // @start region="executor"
        CompletableFuture<Integer> cf = CompletableFuture.supplyAsync(() -> 6 * 7, runtime.handle().executor());
        // @end
        return cf.join();
    }

    static void dumpTasks() throws Exception {
        // @start region="dump-tasks"
        try (Runtime rt = Runtime.builder().name("api").captureSpawnLocations(true).enableAll().build()) {
            Oneshot.Channel<String> reply = Oneshot.channel();
            rt.spawn("session", () -> reply.receiver().await());   // waits for a reply not sent yet
            // ... later, from any thread:
            System.out.println(rt.handle().dumpTasks());
            // Weft task dump of runtime 'api' at 2026-12-07T10:30:14.825Z: 1 task
            // task 1 "session" IDLE, coroutine, last polled 101 ms ago, spawned at com.example.Api.start(Api.java:67)
            //     at dev.weft.sync.Oneshot$Receiver.await(Oneshot.java:262)
            //     at com.example.Api.lambda$start$0(Api.java:67)
        }
        // @end
    }

    // ---- what the regions use -------------------------------------------------------------------

    static String fetchUser(int id) {
        return "user " + id;
    }
}
