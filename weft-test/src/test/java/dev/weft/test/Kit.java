package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs one sample test method through JUnit's own engine and hands back how it ended. */
final class Kit {
    private Kit() {
    }

    /** Runs {@code sample.method} (found by name) and fails unless it passed. */
    static void assertPasses(Class<?> sample, String method) {
        Events tests = run(sample, method);
        List<Event> failed = tests.failed().list();
        if (!failed.isEmpty()) {
            fail(sample.getSimpleName() + "." + method + " should pass, but failed:\n" + stackOf(throwable(failed.getFirst())));
        }
        assertEquals(1, tests.succeeded().count(), () -> sample.getSimpleName() + "." + method + " ran as " + tests.list());
    }

    /** Runs {@code sample.method} and returns its failure; fails unless it failed. */
    static Throwable failureOf(Class<?> sample, String method) {
        Events tests = run(sample, method);
        List<Event> failed = tests.failed().list();
        if (failed.isEmpty()) {
            fail(sample.getSimpleName() + "." + method + " should fail, but ran as " + tests.list());
        }
        return throwable(failed.getFirst());
    }

    static String stackOf(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static Events run(Class<?> sample, String method) {
        Method m = Arrays.stream(sample.getDeclaredMethods()).filter(x -> x.getName().equals(method)).findFirst()
                .orElseThrow(() -> new AssertionError("no method " + method + " in " + sample));
        return EngineTestKit.engine("junit-jupiter").selectors(DiscoverySelectors.selectMethod(sample, m))
                .execute().testEvents();
    }

    private static Throwable throwable(Event e) {
        return e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
