package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.lang.management.ManagementFactory;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each runtime's {@link WeftRuntimeMXBean} in the platform MBean server, and runtime names. */
class RuntimeMXBeanTest {
    static MBeanServer server;

    @BeforeAll
    static void platformServer() {
        server = ManagementFactory.getPlatformMBeanServer(); // exists now: builds register synchronously
    }

    static ObjectName on(String name) throws Exception {
        return new ObjectName("dev.weft:type=Runtime,name=" + ObjectName.quote(name));
    }

    @Test
    void aNamedRuntimeIsRegisteredItsAttributesMoveAndCloseUnregistersIt() throws Exception {
        ObjectName on = on("mx-test");
        try (Runtime rt = Runtime.builder().currentThread().name("mx-test").build()) {
            assertEquals("mx-test", rt.name());
            assertEquals("mx-test", rt.handle().name());
            assertTrue(server.isRegistered(on), "registered at build()");
            assertEquals("mx-test", server.getAttribute(on, "Name"));
            assertEquals("current-thread", server.getAttribute(on, "Flavor"));
            assertEquals(1, server.getAttribute(on, "WorkerCount"));
            assertEquals(0L, server.getAttribute(on, "TotalPolls"));
            assertEquals(false, server.getAttribute(on, "Shutdown"));

            JoinHandle<Void> parked = rt.spawn("parked", (Future<Void>) cx -> Poll.pending());
            for (int i = 0; i < 10; i++) {
                rt.spawn((Future<Integer>) cx -> Poll.ready(1));
            }
            assertEquals(11, server.getAttribute(on, "AliveTasks"));
            assertEquals(11, server.getAttribute(on, "GlobalQueueDepth"), "spawned from outside, not run yet");
            rt.blockOn(rt.spawn((Future<Integer>) cx -> Poll.ready(2)));
            assertEquals(1, server.getAttribute(on, "AliveTasks"), "only the parked task is left");
            assertTrue((Long) server.getAttribute(on, "TotalPolls") >= 12L);

            WeftRuntimeMXBean proxy = JMX.newMXBeanProxy(server, on, WeftRuntimeMXBean.class);
            String dump = proxy.dumpTasks();
            assertTrue(dump.startsWith("Weft task dump of runtime 'mx-test'"), dump);
            assertTrue(dump.contains("\"parked\" IDLE"), dump);
            parked.abort();
        }
        assertFalse(server.isRegistered(on), "close() unregisters the bean");
        try (Runtime again = Runtime.builder().currentThread().name("mx-test").build()) {
            assertEquals("mx-test", again.name(), "the name is free again after close");
            assertTrue(server.isRegistered(on));
        }
    }

    @Test
    void twoLiveRuntimesWithOneNameGetASuffixAndBothAreRegistered() throws Exception {
        try (Runtime a = Runtime.builder().currentThread().name("twin").build();
                Runtime b = Runtime.builder().currentThread().name("twin").build()) {
            assertEquals("twin", a.name());
            assertEquals("twin#2", b.name());
            assertTrue(server.isRegistered(on("twin")));
            assertTrue(server.isRegistered(on("twin#2")));
        }
        assertFalse(server.isRegistered(on("twin#2")));
    }

    @Test
    void unnamedRuntimesGetDistinctDefaultNames() {
        try (Runtime a = Runtime.builder().currentThread().build();
                Runtime b = Runtime.builder().multiThread().workerThreads(1).build()) {
            assertTrue(a.name().matches("weft-\\d+"), a.name());
            assertTrue(b.name().matches("weft-\\d+"), b.name());
            assertNotEquals(a.name(), b.name());
        }
    }

    @Test
    void aBlankOrNullNameIsRefusedNamingTheArgument() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> Runtime.builder().name("  "));
        assertTrue(blank.getMessage().contains("name"), blank.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Runtime.builder().name(null));
        assertTrue(none.getMessage().contains("name"), none.getMessage());
    }

    @Test
    void registerMXBeanFalseLeavesTheServerAlone() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().name("no-bean").registerMXBean(false).build()) {
            assertEquals("no-bean", rt.name());
            assertFalse(server.isRegistered(on("no-bean")));
        }
    }

    @Test
    void aMultiThreadRuntimeReportsItsWorkersAndShutdownUnregisters() throws Exception {
        Runtime rt = Runtime.builder().workerThreads(2).name("mx-multi").build();
        ObjectName on = on("mx-multi");
        assertEquals("multi-thread", server.getAttribute(on, "Flavor"));
        assertEquals(2, server.getAttribute(on, "WorkerCount"));
        rt.blockOn(rt.spawn((Future<Integer>) cx -> Poll.ready(1)));
        assertTrue((Long) server.getAttribute(on, "TotalPolls") >= 1L);
        assertTrue(rt.shutdownTimeout(java.time.Duration.ofSeconds(5)));
        assertFalse(server.isRegistered(on), "shutdownTimeout unregisters too");
    }
}
