package dev.weft.sync;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;

/**
 * Hand-written Lincheck scenarios for the histories that random scenarios reach only by luck
 * (a cancel that must pass a notification on, a lag, a cancelled wait), built from Lincheck's
 * scenario classes because its scenario DSL is Kotlin-only. The same helper as the scheduler
 * tests' one, plus arguments: an operation is written {@code name} or {@code name:arg}, where
 * {@code arg} is an int, or a boolean for a boolean operation.
 */
final class LincheckScenarios {
    private LincheckScenarios() {
    }

    /**
     * @param test the test class whose {@code @Operation}s are named
     * @param init the operations run first, alone, separated by spaces
     * @param threads one string per parallel thread
     * @param post the operations run last, alone
     * @return the scenario
     */
    static ExecutionScenario scenario(Class<?> test, String init, List<String> threads, String post) {
        return new ExecutionScenario(actors(test, init), threads.stream().map(t -> actors(test, t)).toList(),
                actors(test, post), null);
    }

    private static List<Actor> actors(Class<?> test, String names) {
        return Arrays.stream(names.trim().split("\\s+")).filter(s -> !s.isEmpty()).map(n -> actor(test, n)).toList();
    }

    private static Actor actor(Class<?> test, String op) {
        String[] parts = op.split(":");
        Method m = Arrays.stream(test.getMethods())
                .filter(x -> x.getName().equals(parts[0]) && x.getParameterCount() == parts.length - 1)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation " + op));
        List<Object> args = parts.length == 1 ? List.of()
                : List.of(m.getParameterTypes()[0] == boolean.class
                        ? (Object) Boolean.parseBoolean(parts[1]) : (Object) Integer.parseInt(parts[1]));
        return new Actor(m, args, false, false, false, false, false);
    }
}
