package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Outcome;
import dev.weft.testkit.CancelAfter;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Named tasks in a {@link JoinSet}, and {@link JoinSet#joinNextWithId()}. */
@Timeout(30)
class JoinSetNamesTest {

    private static <T> T run(boolean multi, Callable<T> body) throws Exception {
        try (Runtime rt = JoinSetTest.runtime(multi)) {
            return rt.blockOn(Async.async(body));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void joinNextWithIdSaysWhichTaskEnded(boolean multi) throws Exception {
        List<String> seen = run(multi, () -> {
            try (JoinSet<String> set = new JoinSet<>()) {
                JoinHandle<String> b = set.spawn("b", JoinSetTest.after(20, "bee"));
                JoinHandle<String> a = set.spawn("a", () -> {
                    Time.sleep(Duration.ofMillis(10)).await();
                    return "ay";
                });
                JoinHandle<String> c = set.spawn("c", () -> {
                    Time.sleep(Duration.ofMillis(30)).await();
                    throw new IOException("c broke");
                });
                JoinHandle<String> unnamed = set.spawn(JoinSetTest.after(40, "anon"));
                List<String> out = new ArrayList<>();
                Optional<JoinedTask<String>> next;
                while ((next = set.joinNextWithId().await()).isPresent()) {
                    JoinedTask<String> t = next.get();
                    long expectedId = switch (t.name()) {
                        case "a" -> a.id();
                        case "b" -> b.id();
                        case "c" -> c.id();
                        default -> unnamed.id();
                    };
                    assertEquals(expectedId, t.id(), t.toString());
                    out.add(t.name() + "=" + switch (t.outcome()) {
                        case Outcome.Success<String> ok -> ok.value();
                        case Outcome.Failure<String> f -> f.error().getMessage();
                    });
                }
                assertEquals("task-" + unnamed.id(), unnamed.name());
                assertEquals(Optional.empty(), set.joinNextWithId().await());
                return out;
            }
        });
        assertEquals(4, seen.size());
        assertEquals(List.of("a=ay", "b=bee", "c=c broke"), seen.subList(0, 3));
        assertTrue(seen.get(3).matches("task-\\d+=anon"), seen.get(3));
    }

    @Test
    void theNameShowsInTaskDumpsAndJoinErrors() throws Exception {
        run(false, () -> {
            try (JoinSet<Void> set = new JoinSet<>()) {
                JoinHandle<Void> h = set.spawn("sleeper", () -> Time.sleep(Duration.ofDays(1)).await());
                set.spawnOn(Handle.current(), "poller", Futures.<Void>pending());
                set.spawnOn(Handle.current(), "runner", () -> { });
                Time.sleep(Duration.ofMillis(1)).await();
                List<String> names = Handle.current().dumpTasks().tasks().stream().map(TaskInfo::name).toList();
                assertTrue(names.containsAll(List.of("sleeper", "poller")), names.toString());
                assertEquals("sleeper", h.name());
                h.abort();
                List<String> errors = new ArrayList<>();
                Optional<JoinedTask<Void>> next;
                while ((next = set.joinNextWithId().await()).isPresent()) {
                    if (next.get().outcome() instanceof Outcome.Failure<Void> f) {
                        errors.add(assertInstanceOf(JoinError.class, f.error()).getMessage());
                    } else {
                        assertEquals("runner", next.get().name());
                        set.abortAll();
                    }
                }
                assertTrue(errors.contains("task " + h.id() + " \"sleeper\" was aborted"), errors.toString());
                return null;
            }
        });
    }

    @Test
    void aCancelledJoinNextWithIdLosesNothing() throws Exception {
        run(false, () -> {
            try (JoinSet<String> set = new JoinSet<>()) {
                set.spawn("late", JoinSetTest.after(10, "v"));
                assertEquals(Optional.empty(), new CancelAfter<>(set.joinNextWithId(), 2).await());
                assertEquals(1, set.len());
                JoinedTask<String> t = set.joinNextWithId().await().orElseThrow();
                assertEquals("late", t.name());
                assertEquals("v", t.outcome().get());
                Future<Optional<JoinedTask<String>>> once = set.joinNextWithId();
                assertEquals(Optional.empty(), once.await());
                assertThrows(IllegalStateException.class, once::await);
                return null;
            }
        });
    }

    @Test
    void badNamesAndArgumentsAreNamed() throws Exception {
        run(false, () -> {
            try (JoinSet<Integer> set = new JoinSet<>()) {
                Handle h = Handle.current();
                for (String bad : new String[] {null, "", "  "}) {
                    assertMessage("name", () -> set.spawn(bad, Futures.ready(1)));
                    assertMessage("name", () -> set.spawn(bad, () -> 1));
                    assertMessage("name", () -> set.spawn(bad, () -> { }));
                    assertMessage("name", () -> set.spawnOn(h, bad, Futures.ready(1)));
                    assertMessage("name", () -> set.spawnOn(h, bad, () -> 1));
                    assertMessage("name", () -> set.spawnOn(h, bad, () -> { }));
                }
                assertMessage("future", () -> set.spawn("x", (Future<Integer>) null));
                assertMessage("body", () -> set.spawn("x", (Callable<Integer>) null));
                assertMessage("body", () -> set.spawn("x", (CheckedRunnable) null));
                assertMessage("handle", () -> set.spawnOn(null, "x", Futures.ready(1)));
                assertMessage("handle", () -> set.spawnOn(null, "x", () -> 1));
                assertEquals(0, set.len());
                set.close();
                assertThrows(IllegalStateException.class, () -> set.spawn("x", () -> 1));
                return null;
            }
        });
        assertThrows(IllegalArgumentException.class, () -> new JoinedTask<>(1, null, new Outcome.Success<>(1)));
        assertThrows(IllegalArgumentException.class, () -> new JoinedTask<>(1, "n", null));
    }

    private static void assertMessage(String name, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().startsWith(name + " "), x.getMessage());
    }
}
