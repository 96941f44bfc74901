package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import dev.weft.Weft;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.sync.Notify;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Virtual-thread coroutines start in their runtime's own thread container, not in the JDK's
 * root container (which keeps every virtual thread in one shared map), and a JDK thread dump
 * still lists them, under the runtime's container.
 */
@Timeout(60)
class CoroutineContainerTest {

    private static void assumeContainers() {
        assumeTrue(CoroutineThreads.onWeftWorkers(), "java.lang is not opened to Weft: no coroutine threads of Weft's own");
        assumeTrue(Object.class.getModule().isExported("jdk.internal.vm", CoroutineThreads.class.getModule()),
                "jdk.internal.vm is not exported to Weft: coroutines start in the root container");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void aThreadDumpListsASuspendedCoroutineUnderItsRuntimesContainer(int workers, @TempDir Path dir) throws Exception {
        assumeContainers();
        var b = Runtime.builder().enableAll().name("container-test-" + workers).coroutineMode(CoroutineMode.WEFT_SCHEDULER);
        try (Runtime rt = (workers == 0 ? b.currentThread() : b.multiThread().workerThreads(workers)).build()) {
            Notify release = new Notify();
            Notify parked = new Notify();
            JoinHandle<Void> sleeper = rt.spawn(() -> Weft.spawn("container-sleeper", () -> {
                parked.notifyOne();
                release.notified().await();
            }).await());
            rt.blockOn(parked.notified());
            Path file = dir.resolve("threads.json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), ThreadDumpFormat.JSON);
            String json = Files.readString(file);
            String ours = section(json, "weft coroutines of container-test-" + workers);
            assertNotNull(ours, "the runtime's container is in the dump:\n" + json);
            assertTrue(ours.contains("\"container-sleeper\""), "the suspended coroutine is listed in it:\n" + ours);
            assertTrue(ours.contains("await"), "with its stack:\n" + ours);
            assertEquals(-1, section(json, "<root>").indexOf("\"container-sleeper\""),
                    "and not in the root container");
            release.notifyOne();
            rt.blockOn(sleeper);
        }
    }

    @Test
    void aDumpListsEveryWaitingCoroutineTaskOfTheRuntime(@TempDir Path dir) throws Exception {
        assumeContainers();
        int n = 1_000;
        try (Runtime rt = Runtime.builder().enableAll().name("container-many").multiThread().workerThreads(2)
                .coroutineMode(CoroutineMode.WEFT_SCHEDULER).build()) {
            Notify release = new Notify();
            CountDownLatch parked = new CountDownLatch(n);
            List<JoinHandle<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(rt.spawn("waiter-" + i, () -> {
                    var released = release.notified();
                    parked.countDown();
                    released.await();
                    return null;
                }));
            }
            parked.await();
            Path file = dir.resolve("threads.json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), ThreadDumpFormat.JSON);
            String ours = section(Files.readString(file), "weft coroutines of container-many");
            assertNotNull(ours);
            for (int i = 0; i < n; i++) {
                assertTrue(ours.contains("\"waiter-" + i + "\""), "waiter-" + i + " is listed");
            }
            release.notifyWaiters();
            for (JoinHandle<Void> t : tasks) {
                rt.blockOn(t);
            }
        }
    }

    @Test
    void aContinuationRuntimeHasNoContainer() throws Exception {
        assumeTrue(CoroutineThreads.continuationsAvailable(), "jdk.internal.vm is not exported to Weft");
        try (Runtime rt = Runtime.builder().enableAll().currentThread().coroutineMode(CoroutineMode.CONTINUATION).build()) {
            Object container = rt.blockOn(rt.spawn(() -> ((TaskHost) RuntimeContext.current()).coroutineContainer));
            assertNull(container, "a continuation has no thread to put in one");
        }
    }

    /** @return the JSON of the container named {@code name}, up to the next container, or null */
    private static String section(String json, String name) {
        int at = json.indexOf("\"container\": \"" + name);
        if (at < 0) {
            return null;
        }
        int next = json.indexOf("\"container\":", at + 1);
        return json.substring(at, next < 0 ? json.length() : next);
    }
}
