package dev.weft.testkit;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * Hand-written Lincheck scenarios for the histories that random scenarios reach only by luck (a
 * steal racing the owner's pops, a cancel that must pass a notification on, a lag, a cancelled
 * wait), built from Lincheck's scenario classes because its scenario DSL is Kotlin-only.
 *
 * <p>A scenario names the test's public {@code @Operation} methods: an operation is written
 * {@code name}, or {@code name:arg} for an operation of one parameter, where {@code arg} is an
 * int, or a boolean for a boolean parameter. Operations of one part are separated by spaces:
 * {@code scenario(getClass(), "send:1 send:2", List.of("recvA", "close"), "recvA")} runs
 * {@code send(1)} and {@code send(2)} first, then {@code recvA()} and {@code close()} on two
 * threads, then {@code recvA()} again.
 */
public final class LincheckScenarios {
    private LincheckScenarios() {
    }

    /**
     * {@return model checking with the bounds the sync primitives' tests share: 3 threads of 3
     * operations, 2 before and 2 after, 8 iterations of 40 invocations (a few seconds each)}
     */
    public static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .iterations(8)
                .invocationsPerIteration(40);
    }

    /**
     * @param test the test class whose {@code @Operation}s are named
     * @param init the operations run first, alone
     * @param threads one string per parallel thread
     * @param post the operations run last, alone
     * @return the scenario
     */
    public static ExecutionScenario scenario(Class<?> test, String init, List<String> threads, String post) {
        return scenario(test, init, threads, post, null);
    }

    /**
     * @param test the test class whose {@code @Operation}s are named
     * @param init the operations run first, alone
     * @param threads one string per parallel thread
     * @param post the operations run last, alone
     * @param validate the name of the {@code @Validate} method run after the scenario, or null
     * @return the scenario
     */
    public static ExecutionScenario scenario(Class<?> test, String init, List<String> threads, String post,
            String validate) {
        return new ExecutionScenario(
                actors(test, init),
                threads.stream().map(t -> actors(test, t)).toList(),
                actors(test, post),
                validate == null ? null : actor(test, validate));
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
