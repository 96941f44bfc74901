package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.Runtime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-opens java.base/java.lang}, the first runtime of a JVM says at INFO, once,
 * that its coroutines run on the JDK's scheduler. Captured through java.util.logging, which backs
 * {@code System.Logger} here; the once-per-JVM flag is reset first, since other tests of this JVM
 * built runtimes before.
 */
class CoroutineModeLogTest {
    private static final CoroutineMode MODE =
            CoroutineMode.valueOf(System.getProperty("weft.expectedCoroutineMode", "WEFT_SCHEDULER"));
    private static final String SAYS = "Weft coroutines run on the JDK's default virtual-thread scheduler";

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");

    @BeforeEach
    void capture() {
        CoroutineThreads.resetModeLogged();
        root.addHandler(capture);
    }

    @AfterEach
    void release() {
        root.removeHandler(capture);
    }

    private List<LogRecord> modeLines() {
        return records.stream().filter(r -> r.getMessage() != null && r.getMessage().startsWith(SAYS)).toList();
    }

    @Test
    void theFirstRuntimeWithoutTheFlagLogsOnceAtInfo() {
        assumeTrue(MODE == CoroutineMode.JDK_SCHEDULER,
                "only a JVM without --add-opens java.base/java.lang (the jdk-scheduler execution) builds "
                        + "runtimes in JDK_SCHEDULER mode by default; running in " + MODE);
        try (Runtime a = Runtime.builder().currentThread().build();
             Runtime b = Runtime.builder().multiThread().workerThreads(1).build()) {
            assertEquals(CoroutineMode.JDK_SCHEDULER, a.metrics().coroutineMode());
        }
        List<LogRecord> lines = modeLines();
        assertEquals(1, lines.size(), () -> "expected one line, got " + lines);
        assertEquals(Level.INFO, lines.get(0).getLevel());
        assertEquals("dev.weft.runtime", lines.get(0).getLoggerName());
        assertTrue(lines.get(0).getMessage().contains("--add-opens java.base/java.lang=ALL-UNNAMED"),
                lines.get(0).getMessage());
    }

    @Test
    void aRuntimeThatAsksForTheJdkSchedulerLogsOnce() {
        try (Runtime a = Runtime.builder().currentThread().coroutineMode(CoroutineMode.JDK_SCHEDULER).build();
             Runtime b = Runtime.builder().currentThread().coroutineMode(CoroutineMode.JDK_SCHEDULER).build()) {
            assertEquals(CoroutineMode.JDK_SCHEDULER, b.metrics().coroutineMode());
        }
        assertEquals(1, modeLines().size(), () -> "expected one line, got " + records);
    }

    @Test
    void aRuntimeOnWeftsOwnThreadsLogsNothing() {
        assumeTrue(MODE != CoroutineMode.JDK_SCHEDULER,
                "without --add-opens or the continuation flags every default runtime is JDK_SCHEDULER");
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            assertEquals(MODE, rt.metrics().coroutineMode());
        }
        assertEquals(List.of(), modeLines());
    }
}
