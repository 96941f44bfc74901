package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Futures;
import dev.weft.future.internal.Suspender;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.Runtime;
import dev.weft.time.Time;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The JVM's one-time costs of coroutines are paid by {@code build()}, not inside the first
 * coroutine's first run, where they held a worker for 25-100 ms on a loaded machine and the
 * blocked-worker detector reported a program's first coroutine. Told by the classes a fresh JVM
 * loads during that run (a count, not a clock): the bootstrap of {@code await()}'s type switch,
 * the virtual-thread machinery, JFR's start-up, the first select and the method handles Weft
 * calls the JDK through (their first call spins a class) must be done by then.
 */
class ColdStartTest {
    private static final CoroutineMode MODE =
            CoroutineMode.valueOf(System.getProperty("weft.expectedCoroutineMode", "WEFT_SCHEDULER"));

    /** Loaded only by the JVM's one-time set-up: none of them may load inside the first run. */
    private static final List<String> SET_UP = List.of("java.lang.runtime.SwitchBootstraps",
            "java.lang.classfile.", "jdk.internal.classfile.", "$$TypeSwitch", "java.lang.VirtualThread$",
            "jdk.internal.event.VirtualThread", "sun.nio.ch.Net", "jdk.jfr.",
            "java.lang.invoke.LambdaForm$");

    /** The program run in a fresh JVM: a runtime, then its first coroutine up to its first timer. */
    public static final class FirstCoroutine {
        /** Loaded when build() has returned. */
        static final class Built {
        }

        /** Loaded when the first coroutine has awaited a ready future and yielded once. */
        static final class Suspending {
        }

        public static void main(String[] args) throws Exception {
            try (Runtime rt = Runtime.builder().enableAll().build()) {
                new Built();
                rt.blockOn(Async.async(() -> {
                    Futures.ready(1).await();
                    Weft.yieldNow().await();
                    new Suspending();
                    Time.sleep(Duration.ofMillis(1)).await();
                    return null;
                }));
            }
        }
    }

    @Test
    void theFirstCoroutineOfAJvmMeetsNoneOfItsOneTimeCosts() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < jvmArgs.size(); i++) { // the flags that choose this suite's coroutine mode
            String a = jvmArgs.get(i);
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
                command.add(a);
                if (!a.contains("=") && i + 1 < jvmArgs.size()) {
                    command.add(jvmArgs.get(++i));
                }
            }
        }
        command.addAll(List.of("-Xlog:disable", "-Xlog:class+load=info:stdout:none",
                "-cp", System.getProperty("java.class.path"), FirstCoroutine.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> loaded = new ArrayList<>();
        boolean inFirstRun = false;
        boolean sawEnd = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String cls = line.split(" ", 2)[0];
                if (cls.equals(FirstCoroutine.Built.class.getName())) {
                    inFirstRun = true;
                } else if (cls.equals(FirstCoroutine.Suspending.class.getName())) {
                    inFirstRun = false;
                    sawEnd = true;
                } else if (inFirstRun) {
                    loaded.add(cls);
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM ended");
        assertEquals(0, p.exitValue(), "the probe JVM's exit status");
        assertTrue(sawEnd, "the probe's first coroutine ran");
        List<String> setUp = loaded.stream().filter(c -> SET_UP.stream().anyMatch(c::contains)).toList();
        assertEquals(List.of(), setUp, () -> "one-time set-up inside the first coroutine's first run ("
                + MODE + "); all it loaded: " + loaded);
    }

    @Test
    void itLeavesTheCallersSuspenderAsItWas() {
        for (CoroutineMode mode : CoroutineMode.values()) {
            if (mode == MODE || mode == CoroutineMode.JDK_SCHEDULER) { // the others may lack their flags
                Suspender before = Suspender.installed();
                ColdStart.run(mode);
                assertSame(before, Suspender.installed(), mode + " changed the caller's suspender");
            }
        }
    }

    @Test
    void onAVirtualThreadItSkipsWhatOnlyAPlatformThreadCanDo() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Suspender> after = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                ColdStart.run(MODE);
                after.set(Suspender.installed());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join();
        assertNull(failure.get());
        assertNull(after.get(), "no suspender left on the virtual thread");
    }
}
