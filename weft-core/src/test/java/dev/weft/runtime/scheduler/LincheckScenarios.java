package dev.weft.runtime.scheduler;

import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;

/**
 * Hand-written Lincheck scenarios for the races that random scenarios reach only by luck. Built
 * from Lincheck's scenario classes directly, because its scenario DSL is Kotlin-only.
 */
final class LincheckScenarios {
    private LincheckScenarios() {
    }

    /**
     * A scenario of argument-less operations of {@code test}, named by method.
     *
     * @param threads one string per thread: operation names separated by spaces
     * @param validate the {@code @Validate} method, or null
     */
    static ExecutionScenario scenario(Class<?> test, String init, List<String> threads, String post, String validate) {
        return new ExecutionScenario(
                actors(test, init),
                threads.stream().map(t -> actors(test, t)).toList(),
                actors(test, post),
                validate == null ? null : actor(test, validate));
    }

    private static List<Actor> actors(Class<?> test, String names) {
        return Arrays.stream(names.trim().split("\\s+")).filter(s -> !s.isEmpty()).map(n -> actor(test, n)).toList();
    }

    private static Actor actor(Class<?> test, String name) {
        try {
            return new Actor(test.getMethod(name), List.of(), false, false, false, false, false);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no operation " + name, e);
        }
    }
}
