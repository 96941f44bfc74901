package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Stream;
import dev.weft.io.BufWriter;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.JoinSet;
import dev.weft.runtime.Runtime;
import dev.weft.sync.CancellationToken;
import dev.weft.time.Time;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;

/**
 * The code of {@code docs/guide.md} that is not part of an example, compiled here so it cannot
 * rot; {@link DocsSnippetsTest} checks the guide still shows exactly these regions.
 */
final class GuideSnippets {
    private GuideSnippets() {
    }

    // region first-program
    public static void main(String[] args) throws Exception {
        Weft.run(() -> {                                       // #[tokio::main]
            JoinHandle<String> auth = Weft.spawn(call("auth", 120));
            JoinHandle<String> pricing = Weft.spawn(call("pricing", 150));
            System.out.println(auth.await() + ", " + pricing.await());   // after ~150 ms, not 270
            return null;
        });
    }

    static Future<String> call(String name, long ms) {
        return Async.async(() -> {                             // an async fn: lazy until polled
            Weft.sleep(Duration.ofMillis(ms)).await();         // suspends this coroutine only
            return name + " responded after " + ms + "ms";
        });
    }
    // endregion

    static Void runtime(TcpListener listener) throws Exception {
        // region runtime
        try (Runtime rt = Runtime.builder().currentThread().enableAll().build()) {
            rt.blockOn(Async.async(() -> EchoServer.acceptLoop(listener)));
        }
        // endregion
        return null;
    }

    static Void observe(TcpListener listener) throws Exception {
        // region observe
        try (Runtime rt = Runtime.builder().name("kv").captureSpawnLocations(true).enableAll().build();
                Recording jfr = new Recording()) {
            jfr.enable("dev.weft.LongPoll");                  // polls that hold a worker for 10 ms or more
            jfr.start();
            JoinHandle<Void> server = rt.spawn(() -> KvServer.serve(listener, new CancellationToken()));
            // ... later, from any thread, while it runs:
            System.out.println(rt.metrics());                  // per worker: polls, steals, parks; queues; I/O
            System.out.println(rt.handle().dumpTasks());      // each live task: state, spawn line, await stack
            jfr.dump(Path.of("kv.jfr"));                       // then: jfr print --events dev.weft.LongPoll kv.jfr
            server.abort();
        }
        // endregion
        return null;
    }

    static Void echo() throws Exception {
        // region echo
        Weft.run(() -> {
            TcpListener listener = TcpListener.bind("127.0.0.1:8080");
            for (;;) {
                TcpStream socket = listener.accept().await();
                Weft.spawn(() -> {
                    try (socket) {
                        ByteBuffer buf = ByteBuffer.allocate(1024);
                        while (socket.read(buf.clear()).await() != Io.EOF) {
                            socket.writeAll(buf.flip()).await();
                        }
                    }
                });
            }
        });
        // endregion
        return null;
    }

    static Void cleanup(List<Path> files, BufWriter out) throws Exception {
        // region cleanup
        JoinHandle<Void> pipeline = Weft.spawn(() -> {
            try (JoinSet<Void> workers = new JoinSet<>()) {   // close() waits for aborted workers
                for (Path file : files) {
                    workers.spawn(() -> copyLines(file, out));
                }
                workers.joinAll().await();
            } finally {
                // an aborted task's awaits throw: this one runs to its end, or 5 s at most
                Async.nonCancellable(Duration.ofSeconds(5), () -> out.flush().await());
            }
        });
        // ... later: abort() returns at once; the join comes after the workers stopped
        pipeline.abort();
        // endregion
        List<Integer> sizes = List.of();
        // region join
        List<JoinHandle<Integer>> handles = files.stream().map(f -> Weft.spawn(() -> lineCount(f))).toList();
        sizes = handles.stream().map(h -> h.join()).toList();   // join(): the await a lambda may call
        // endregion
        System.out.println(sizes);
        return null;
    }

    static void copyLines(Path file, BufWriter out) {
    }

    static int lineCount(Path file) {
        return 0;
    }

    /** The streams section: a paused-clock runtime makes it instant in the test. */
    static List<List<String>> streams() throws Exception {
        // region streams
        Stream<String> users = Stream.of("ann", "bob", "cy", "dee");
        Stream<String> profiles = users.mapAsync(2, name -> Async.async(() -> {   // 2 requests at a time
            Time.sleep(Duration.ofMillis(10 * name.length())).await();
            return name + ":profile";
        }));
        Stream<String> merged = Stream.merge(profiles, Stream.of("admin:profile"));
        List<List<String>> batches = Time.chunksTimeout(merged, 3, Duration.ofMillis(100))
                .collect()
                .await();   // batches of up to 3, never waiting 100 ms after a batch's first item
        // endregion
        return batches;
    }
}
