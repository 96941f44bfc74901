package dev.weft.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.io.blocking.PollIo;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.time.Elapsed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real child processes (sh, echo, cat, sleep): Unix only. */
@Timeout(60)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the tests run POSIX commands (sh, cat)")
class ProcessTest {
    @TempDir
    Path dir;

    static Runtime runtime(boolean multi) {
        return multi ? Runtime.builder().multiThread().workerThreads(2).enableTime().build()
                : Runtime.builder().currentThread().enableTime().build();
    }

    static <T> T run(Runtime rt, Callable<T> body) throws Exception {
        return rt.blockOn(Async.async(body));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static Command sh(String script) {
        return new Command("sh").args("-c", script);
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void readsAChildsStdoutAndAwaitsItsStatus(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            run(rt, () -> {
                try (Child child = new Command("echo").arg("hello").stdout(Stdio.PIPED).spawn()) {
                    assertTrue(child.pid() > 0);
                    assertEquals("hello\n", text(PollIo.readToEnd(child.stdout()).await()));
                    ExitStatus s = child.status().await();
                    assertEquals(new ExitStatus(0), s);
                    assertTrue(s.success());
                    assertEquals("exit status: 0", s.toString());
                    assertEquals(s, child.tryStatus().orElseThrow());
                    assertEquals(s, child.status().await(), "awaitable again after the exit");
                }
                return null;
            });
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void writesToStdinAndReadsItBack(boolean multi) throws Exception {
        byte[] data = new byte[300_000]; // more than a pipe holds: reading and writing must overlap
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        try (Runtime rt = runtime(multi)) {
            run(rt, () -> {
                try (Child cat = new Command("cat").stdin(Stdio.PIPED).stdout(Stdio.PIPED).spawn()) {
                    JoinHandle<byte[]> reader = Weft.spawn(PollIo.readToEnd(cat.stdout()));
                    PollIo.writeAll(cat.stdin(), data).await();
                    PollIo.shutdown(cat.stdin()).await();
                    PollIo.shutdown(cat.stdin()).await(); // idempotent
                    assertArrayEquals(data, reader.await());
                    assertEquals(0, cat.status().await().code());
                }
                return null;
            });
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void outputCollectsBothStreamsSideBySideAndTheExitCode(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            run(rt, () -> {
                Output out = sh("echo out; echo err >&2; exit 3").output().await();
                assertEquals("out\n", out.stdoutText());
                assertEquals("err\n", out.stderrText());
                assertEquals(3, out.status().code());
                assertFalse(out.status().success());
                // both pipes overflow their OS buffer: read one at a time, this would deadlock
                Output big = sh("head -c 200000 /dev/zero; head -c 200000 /dev/zero >&2; head -c 100000 /dev/zero")
                        .output().await();
                assertEquals(300_000, big.stdout().length);
                assertEquals(200_000, big.stderr().length);
                Output quiet = sh("echo hidden").stdout(Stdio.NULL).output().await();
                assertEquals(0, quiet.stdout().length);
                assertEquals(0, sh("exit 0").status().await().code());
                assertEquals(7, sh("exit 7").stdout(Stdio.PIPED).status().await().code());
                return null;
            });
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void environmentDirectoryAndTheNullDevice(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            run(rt, () -> {
                Command c = sh("echo \"$WEFT_A|$WEFT_B|$HOME\"; pwd").env("WEFT_A", "a").env("WEFT_B", "b")
                        .envRemove("WEFT_B").currentDir(dir);
                Output out = c.output().await();
                String[] lines = out.stdoutText().split("\n");
                assertEquals("a||" + System.getenv().getOrDefault("HOME", ""), lines[0]);
                assertEquals(dir.toRealPath().toString(), lines[1]);
                Output bare = sh("echo \"[$WEFT_A][$HOME]\"").env("WEFT_A", "x").envClear().env("WEFT_A", "y").output().await();
                assertEquals("[y][]\n", bare.stdoutText());
                // stdin NULL: cat sees the end at once
                assertEquals("", new Command("cat").stdin(Stdio.NULL).output().await().stdoutText());
                return null;
            });
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void faults(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            run(rt, () -> {
                assertThrows(IOException.class, () -> new Command("/no/such/program").spawn());
                assertThrows(IOException.class, () -> new Command("/no/such/program").status().await());
                assertThrows(IOException.class, () -> new Command("/no/such/program").output().await());
                assertThrows(IOException.class, () -> new Command("true").currentDir(dir.resolve("missing")).spawn());
                try (Child c = new Command("true").stdin(Stdio.PIPED).spawn()) {
                    var e = assertThrows(IllegalStateException.class, c::stdout);
                    assertTrue(e.getMessage().contains("Command.stdout(Stdio.PIPED)"), e.getMessage());
                    assertThrows(IllegalStateException.class, c::stderr);
                    c.status().await();
                    // nobody reads the pipe any more: the handed-off write fails, the flush says so
                    assertThrows(IOException.class, () -> PollIo.writeAll(c.stdin(), new byte[200_000]).await());
                }
                try (Child c = new Command("true").spawn()) {
                    assertThrows(IllegalStateException.class, c::stdin);
                }
                return null;
            });
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void cancellingAWaitLeavesTheChildRunningUntilKilled(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            run(rt, () -> {
                try (Child c = new Command("sleep").arg("30").spawn()) {
                    var waiters = new java.util.ArrayList<JoinHandle<ExitStatus>>();
                    for (int i = 0; i < 3; i++) {
                        waiters.add(Weft.spawn(c.status()));
                    }
                    assertThrows(Elapsed.class, () -> Weft.timeout(Duration.ofMillis(20), c.status()).await());
                    assertTrue(c.tryStatus().isEmpty(), "still running");
                    c.kill();
                    assertEquals(137, c.status().await().code(), "128 + SIGKILL");
                    for (var w : waiters) {
                        assertEquals(137, w.await().code(), "every waiter sees the exit");
                    }
                }
                return null;
            });
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void killOnDropKillsOnCloseAndOnACancelledWait(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            run(rt, () -> {
                Child c = new Command("sleep").arg("30").killOnDrop(true).spawn();
                c.close();
                assertEquals(137, c.status().await().code());

                Path pidFile = dir.resolve("pid");
                var status = sh("echo $$ > " + pidFile + ".tmp; mv " + pidFile + ".tmp " + pidFile + "; exec sleep 30")
                        .killOnDrop(true).status();
                JoinHandle<ExitStatus> waiting = Weft.spawn(status);
                while (!Files.exists(pidFile)) {
                    Weft.sleep(Duration.ofMillis(2)).await();
                }
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
                waiting.abort(); // cancels the status() future: kill-on-drop
                assertThrows(dev.weft.runtime.JoinError.class, waiting::await);
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertFalse(h.isAlive());

                Child kept = new Command("sleep").arg("30").spawn(); // no kill-on-drop: runs on
                kept.close();
                assertTrue(kept.tryStatus().isEmpty());
                kept.kill();
                kept.status().await();
                return null;
            });
        }
    }

    @org.junit.jupiter.api.Test
    void badArgumentsAreNamed() {
        named("program", () -> new Command(null));
        named("program", () -> new Command(""));
        Command c = new Command("x");
        named("arg", () -> c.arg(null));
        named("args", () -> c.args((String[]) null));
        named("arg", () -> c.args("a", null));
        named("key", () -> c.env(null, "v"));
        named("key", () -> c.env("", "v"));
        named("key", () -> c.env("A=B", "v"));
        named("value", () -> c.env("A", null));
        named("value", () -> c.env("A", "a\0b"));
        named("key", () -> c.envRemove("A=B"));
        named("dir", () -> c.currentDir(null));
        named("stdio", () -> c.stdin(null));
        named("stdio", () -> c.stdout(null));
        named("stdio", () -> c.stderr(null));
        assertEquals("x", c.toString());
    }

    static void named(String name, org.junit.jupiter.api.function.Executable call) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
    }
}
