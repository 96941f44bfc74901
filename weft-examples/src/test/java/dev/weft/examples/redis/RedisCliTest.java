package dev.weft.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.net.TcpListener;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.sync.CancellationToken;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server checked by Redis's own clients from Debian's {@code redis-tools}: every command
 * through {@code redis-cli}, and {@code redis-benchmark} with and without pipelining. Skipped
 * when the tools are not installed. The server runs on a multi-thread runtime on the real clock.
 */
@Tag("redis-cli")
class RedisCliTest {
    static Runtime runtime;
    static CancellationToken shutdown;
    static JoinHandle<Void> server;
    static int port;

    static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(installed("redis-cli") && installed("redis-benchmark"),
                "redis-cli not found: apt-get install redis-tools");
        runtime = Runtime.builder().multiThread().workerThreads(2).enableAll().build();
        TcpListener listener = runtime.blockOn(runtime.spawn(() -> TcpListener.bind("127.0.0.1:0")));
        port = listener.localAddress().getPort();
        shutdown = new CancellationToken();
        MiniRedis redis = new MiniRedis(MiniRedis.Config.defaults());
        server = runtime.spawn(() -> redis.serve(listener, shutdown));
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            shutdown.cancel();
            runtime.blockOn(server);
            runtime.close();
        }
    }

    static ProcessBuilder tool(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool, "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** {@return what {@code redis-cli ARGS} prints, lines joined by '|'} */
    static String cli(String... args) throws Exception {
        Process p = tool("redis-cli", args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return String.join("|", out.lines().toList());
    }

    @Test
    void everyCommandThroughRedisCli() throws Exception {
        assertEquals("PONG", cli("PING"));
        assertEquals("hello", cli("ECHO", "hello"));
        assertEquals("OK", cli("SET", "cli:k", "v"));
        assertEquals("v", cli("GET", "cli:k"));
        assertEquals("", cli("SET", "cli:k", "w", "NX"));           // nil prints as an empty line
        assertEquals("OK", cli("SET", "cli:k", "w", "XX"));
        assertEquals("OK", cli("SET", "cli:t", "v", "EX", "100"));
        assertEquals("100", cli("TTL", "cli:t"));
        assertEquals("OK", cli("SET", "cli:p", "v", "PX", "100000"));
        assertEquals("1", cli("EXPIRE", "cli:k", "50"));
        assertEquals("50", cli("TTL", "cli:k"));
        assertEquals("2", cli("EXISTS", "cli:k", "cli:t"));
        assertEquals("2", cli("DEL", "cli:k", "cli:t", "cli:none"));
        assertEquals("1", cli("INCR", "cli:n"));
        assertEquals("0", cli("DECR", "cli:n"));
        assertEquals("OK", cli("MSET", "cli:a", "1", "cli:b", "2"));
        assertEquals("1|2", cli("MGET", "cli:a", "cli:b", "cli:c"));
        assertEquals("0", cli("PUBLISH", "cli:nobody", "x"));
        assertEquals("ERR unknown command 'NOPE', with args beginning with: 'x'", cli("NOPE", "x"));
        assertEquals("ERR wrong number of arguments for 'get' command", cli("GET"));
        assertEquals("ERR value is not an integer or out of range", cli("SET", "cli:a", "b", "EX", "x"));
        assertEquals("ERR syntax error", cli("SET", "cli:a", "b", "NX", "XX"));
        assertEquals("OK", cli("QUIT"));
    }

    @Test
    void subscribeAndPublishThroughRedisCli() throws Exception {
        Process sub = tool("redis-cli", "SUBSCRIBE", "cli:news").start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8));
            assertEquals(List.of("subscribe", "cli:news", "1"), List.of(lines.readLine(), lines.readLine(), lines.readLine()));
            assertEquals("1", cli("PUBLISH", "cli:news", "hello"));
            assertEquals(List.of("message", "cli:news", "hello"), List.of(lines.readLine(), lines.readLine(), lines.readLine()));
        } finally {
            sub.destroy();
            sub.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void redisBenchmarkFinishesWithoutErrors() throws Exception {
        benchmark("1");
    }

    @Test
    void redisBenchmarkPipelinedFinishesWithoutErrors() throws Exception {
        benchmark("16");
    }

    static void benchmark(String pipeline) throws Exception {
        Process p = tool("redis-benchmark", "-t", "ping,set,get,incr,mset", "-n", "20000", "-P", pipeline, "-q").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace('\r', '\n');
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        List<String> results = out.lines().filter(l -> l.contains("requests per second")).toList();
        for (String test : List.of("PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "MSET (10 keys)")) {
            assertTrue(results.stream().anyMatch(l -> l.startsWith(test + ": ")), test + " did not finish:\n" + out);
        }
        assertFalse(out.contains("ERR") || out.contains("Error") || out.contains("WARNING"), out);
    }
}
