package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each example prints the seed's lines (timings are checked for shape, not speed). */
class ExamplesTest {

    static List<String> run(String name, String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Examples.ALL.get(name).main(args);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void services() throws Exception {
        List<String> out = run("services");
        assertEquals(List.of("auth responded after 120ms", "inventory responded after 90ms",
                "pricing responded after 150ms"), out.subList(0, 3));
        assertTrue(out.get(3).matches("all done in \\d+ms"), out.get(3));
    }

    @Test
    void fastSlow() throws Exception {
        List<String> out = run("fast-slow");
        assertEquals("fast then slow", out.get(0));
        assertTrue(out.get(1).matches("done in \\d+ms"), out.get(1));
    }

    @Test
    void currentThread() throws Exception {
        assertEquals(List.of("a b"), run("current-thread"));
    }

    @Test
    void timeout() throws Exception {
        assertEquals(List.of("timed out after 100ms", "got: query finished after 40ms"), run("timeout"));
    }

    @Test
    void agnostic() throws Exception {
        assertEquals(List.of("futures executor: 5", "weft runtime: 42"), run("agnostic"));
    }

    @Test
    void spawnBlocking() throws Exception {
        assertEquals(List.of("sum = 500000500000", "sum = 1249999975000000"), run("spawn-blocking"));
    }

    @Test
    void blockingPitfall() throws Exception {
        List<String> out = run("blocking-pitfall");
        List<String> detector = out.stream().filter(l -> l.startsWith("detector: ")).toList();
        List<String> rest = out.stream().filter(l -> !l.startsWith("detector: ")).toList();
        assertEquals(1, detector.size(), out.toString());
        assertTrue(detector.get(0).matches("detector: worker \\S+ blocked for \\d+ms by task blocking-task"), detector.get(0));
        assertEquals(List.of("timer task done", "blocking task done"), rest.subList(0, 2));
        assertTrue(rest.get(2).matches("elapsed: \\d+ms"), rest.get(2));
        long ms = Long.parseLong(rest.get(2).replaceAll("\\D", ""));
        assertTrue(ms >= 240, "the 50 ms timer waited for the 200 ms blocking poll: " + ms);
        assertEquals(7, rest.size(), out.toString());
        assertEquals("-- the same with spawnBlocking:", rest.get(3));
        assertTrue(rest.get(4).matches("timer task done after \\d+ms"), rest.get(4));
        long timerMs = Long.parseLong(rest.get(4).replaceAll("\\D", ""));
        assertTrue(timerMs >= 50 && timerMs < 190, "with spawnBlocking the timer is not held up: " + timerMs);
        assertEquals("blocking task done", rest.get(5));
        assertTrue(rest.get(6).matches("elapsed: \\d+ms"), rest.get(6));
    }

    @Test
    void noRuntime() throws Exception {
        List<String> out = run("no-runtime");
        assertTrue(out.get(0).startsWith("IllegalStateException: there is no Weft runtime"), out.get(0));
    }

    @Test
    void workers() throws Exception {
        List<String> out = run("workers");
        assertEquals(6, out.size(), out.toString());
        assertEquals(java.util.Set.of("worker 1 started", "worker 2 started", "worker 3 started"),
                java.util.Set.copyOf(out.subList(0, 3)));
        assertEquals(java.util.Set.of("worker 1 finished", "worker 2 finished", "worker 3 finished"),
                java.util.Set.copyOf(out.subList(3, 6)));
    }

    @Test
    void localCounter() throws Exception {
        assertEquals(List.of("count: 1000", "task-0: 250", "task-1: 250", "task-2: 250", "task-3: 250"),
                run("local-counter"));
    }

    @Test
    void boundedCrawler() throws Exception {
        List<String> out = run("bounded-crawler");
        assertEquals(List.of("OK https://a.example (17 bytes)", "OK https://b.example (17 bytes)",
                "FAIL https://bad.example -> https://bad.example: connection refused",
                "OK https://c.example (17 bytes)", "OK https://d.example (17 bytes)"), out.subList(0, 5));
        assertTrue(out.get(5).matches("scanned in \\d+ms"), out.get(5));
        long ms = Long.parseLong(out.get(5).replaceAll("\\D", ""));
        // On the multi-thread runtime the five tasks race for the semaphore, so the order in which
        // they get permits varies (as in the seed's Tokio program); whatever the order, 510 ms of
        // fetches on two permits cannot finish in less than 255 ms.
        assertTrue(ms >= 255, "two permits stage the fetches: 510 ms of work on 2 permits took " + ms);
        assertEquals(6, out.size(), out.toString());
    }

    @Test
    void workerPool() throws Exception {
        assertEquals(List.of("squares: [1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144]",
                "12 results from 3 workers, total = 650"), run("worker-pool"));
    }

    @Test
    void pubsub() throws Exception {
        List<String> out = run("pubsub");
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add("fast: tick " + i);
        }
        expected.add("fast: publisher closed");
        expected.addAll(List.of("slow: lagged: skipped 6", "slow: tick 7", "slow: tick 8", "slow: tick 9",
                "slow: tick 10", "slow: publisher closed"));
        assertEquals(expected, out);
    }

    @Test
    void configReload() throws Exception {
        List<String> expected = new java.util.ArrayList<>();
        for (String r : List.of("reader-a", "reader-b")) {
            expected.add(r + " starts with v1");
            for (int v = 2; v <= 4; v++) {
                expected.add(r + " sees v" + v + " (maxConnections=" + 10 * v + ")");
            }
            expected.add(r + ": config source closed");
        }
        assertEquals(expected, run("config-reload"));
    }

    @Test
    void gracefulShutdown() throws Exception {
        assertEquals(List.of("shutdown requested", "worker 1 finished items [1, 2, 3]",
                "worker 2 finished items [1, 2]", "worker 3 finished items [1, 2]", "shutdown complete"),
                run("graceful-shutdown"));
    }

    @Test
    void selectTimeout() throws Exception {
        assertEquals(List.of("First: task1 complete", "Timeout reached"), run("select-timeout"));
    }

    @Test
    void catFileDemoPrintsTheFileItWrote() throws Exception {
        assertEquals(CatFile.DEMO_TEXT.lines().toList(), run("cat-file"));
    }

    @Test
    void catFilePrintsTheGivenFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("notes.txt");
        java.nio.file.Files.writeString(f, "one\ntwo\n");
        assertEquals(List.of("one", "two"), run("cat-file", f.toString()));
        assertEquals(List.of(), run("cat-file", dir.resolve("missing").toString()), "the fault goes to stderr");
    }

    @Test
    void httpClient() throws Exception {
        assertEquals(List.of("server listening on 127.0.0.1 (a free port)",
                "sendAsync + await: 200 hello from the local server",
                "three requests side by side: [user 1, user 2, user 3]",
                "spawnBlocking (HttpURLConnection): 200 blocking call done",
                "handle.executor(): 27 chars, counted on the runtime: true",
                "blockOn from a plain virtual thread: hello from the local server",
                "server stopped"), run("http-client"));
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledOnOs(org.junit.jupiter.api.condition.OS.WINDOWS)
    void process() throws Exception {
        assertEquals(List.of("hello", "exit status: 0"), run("process"));
    }
}
