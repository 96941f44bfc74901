package dev.weft.test;

import dev.weft.runtime.Handle;
import dev.weft.runtime.Runtime;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WeftTest}: it runs each {@code @Test} method as a
 * coroutine on a runtime of its own, and judges what the test leaves behind. Use it through
 * {@code @WeftTest}; registering it by hand ({@code @ExtendWith(WeftExtension.class)} on a
 * class) runs that class's {@code @Test} methods with {@code @WeftTest}'s defaults.
 *
 * <p><b>The runtime.</b> A fresh one per test method, built with
 * {@code Runtime.builder().enableAll()}, the flavor and worker count of {@link WeftTest}, a
 * {@link dev.weft.time.Clock#paused() pausable} clock (started paused if
 * {@link WeftTest#startPaused()}, else running), a shutdown timeout of 1 s and an
 * {@link dev.weft.runtime.UncaughtFailureHandler} that records instead of logging. Nothing is
 * shared between tests, so one test's stuck task cannot slow the next.
 *
 * <p><b>The body</b> is spawned as a coroutine task named after the test method, and a
 * platform thread of the test's own calls {@code runtime.blockOn} on its handle; JUnit's thread
 * waits for it, at most {@link WeftTest#timeoutMillis()} of real time. In {@code WEFT_SCHEDULER}
 * mode (the JVM has {@code --add-opens java.base/java.lang=ALL-UNNAMED}) the body's coroutine
 * is a virtual thread run by the runtime's own thread(s); with only
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (and {@code jdk.internal.access})
 * it is a bare continuation resumed by a runtime thread ({@code Thread.currentThread()} is that
 * thread, not a virtual one); with neither flag it is a virtual thread on the JDK's scheduler.
 * Everything else is the same (see {@link dev.weft.runtime.CoroutineMode}). The runtime's
 * metrics count the body among the alive tasks and live coroutines.
 *
 * <p><b>The end</b>, when the body returned normally and {@link WeftTest#allowLiveTasks()} is
 * false: the clock is stopped and the runtime gets up to 500 ms of real time to finish what is
 * under way (aborted tasks unwinding, tasks already woken, I/O already delivered, blocking
 * bodies already running). Any task, coroutine (other than the body's) or blocking task still
 * alive then fails the test, with counts and the runtime's metrics: a task waiting on a timer,
 * a channel, a lock or a socket that nobody will touch is a leak, and a timer never fires during
 * the check. Then the runtime is closed (what is left is cancelled), and every failure of a task
 * that nobody joined — the runtime reports them at the latest during the close — fails the test
 * too, with the task's exception as the cause.
 *
 * <p><b>Failures</b> always carry the runtime's metrics ({@link dev.weft.runtime.RuntimeMetrics}):
 * in the message of the failures this extension raises (leak, unjoined failure, timeout), and
 * as a suppressed exception of the test's own failure, which is reported as it is (an
 * assertion's expected and actual values stay intact). A failed test is not also checked for
 * leaks (its body did not get to clean up); unjoined task failures are added to it as
 * suppressed exceptions, since they are often the cause. An aborted test (a failed assumption)
 * is reported as it is.
 *
 * <p><b>Parameters</b> of the test method of type {@link Handle} or {@link Runtime} receive the
 * test's runtime. The body must not {@code close()} it or call {@code blockOn} (a runtime
 * refuses {@code blockOn} from inside itself).
 *
 * {@snippet :
 * @WeftTest(flavor = WeftTest.Flavor.MULTI_THREAD, workers = 4)
 * void spreadsOverTheWorkers(Handle handle) throws Exception {
 *     JoinSet<Integer> set = new JoinSet<>();
 *     for (int i = 0; i < 100; i++) {
 *         int n = i;
 *         set.spawn(() -> n * n);
 *     }
 *     assertEquals(100, set.joinAll().await().size());
 *     assertEquals(4, handle.metrics().workerCount());
 * }
 * }
 *
 * <p>Not supported: {@code @ParameterizedTest}, {@code @RepeatedTest}, {@code @TestFactory}
 * and other templates (they run as plain JUnit tests, and get no {@code Handle}), and lifecycle
 * methods ({@code @BeforeEach} and the like run on JUnit's thread, outside the runtime).
 */
public final class WeftExtension implements ParameterResolver, InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WeftExtension.class);

    /** Made by JUnit, from {@code @WeftTest}'s {@code @ExtendWith}. */
    public WeftExtension() {
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        TestRun first = run(extensionContext);
        Settings s = first.settings();
        if (!s.deterministic()) {
            first.execute(invocation);
            return;
        }
        String name = extensionContext.getRequiredTestMethod().getName();
        for (int i = 0; i < s.seeds(); i++) {
            long seed = s.seed() + i;
            TestRun run = i == 0 ? first : new TestRun(s.withSeed(seed), name);
            try {
                // JUnit's invocation may proceed once: the first run takes it, the others call the method themselves
                run.execute(i == 0 ? invocation : again(invocationContext, run));
            } catch (Throwable t) {
                throw Seeds.withSeed(t, seed, i, s.seeds(),
                        "@WeftTest(deterministic = true, seed = " + Settings.hex(seed) + "L)");
            } finally {
                if (i > 0) {
                    run.close();
                }
            }
        }
    }

    /** The test method called again, with a Handle or Runtime parameter replaced by {@code run}'s. */
    private static Invocation<Void> again(ReflectiveInvocationContext<Method> ctx, TestRun run) {
        Method m = ctx.getExecutable();
        Object[] args = ctx.getArguments().toArray();
        Class<?>[] types = m.getParameterTypes();
        for (int k = 0; k < args.length; k++) {
            if (types[k] == Handle.class) {
                args[k] = run.handle();
            } else if (types[k] == Runtime.class) {
                args[k] = run.runtime();
            }
        }
        try {
            m.setAccessible(true); // JUnit made it accessible for the first run; this is the same method
        } catch (RuntimeException e) {
            // InaccessibleObjectException: invoke() below says why
        }
        return () -> {
            try {
                m.invoke(ctx.getTarget().orElse(null), args);
                return null;
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return (type == Handle.class || type == Runtime.class)
                && extensionContext.getTestMethod()
                        .filter(m -> m.equals(parameterContext.getDeclaringExecutable()))
                        .filter(m -> AnnotationSupport.isAnnotated(m, Test.class))
                        .isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestRun run = run(extensionContext);
        return parameterContext.getParameter().getType() == Handle.class ? run.handle() : run.runtime();
    }

    /** The test's run: made by the first of parameter resolution and interception, closed with the test. */
    private static TestRun run(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestRun.class,
                k -> new TestRun(firstSettings(method), method.getName()), TestRun.class);
    }

    /** The method's settings; a deterministic test's random first seed is drawn here and printed. */
    private static Settings firstSettings(Method method) {
        Settings s = Settings.of(method);
        if (!s.deterministic()) {
            return s;
        }
        long seed = s.seed();
        if (seed == WeftTest.RANDOM_SEED) {
            seed = Seeds.randomSeed();
            System.out.println("@WeftTest " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + ": random seed " + Settings.hex(seed) + (s.seeds() > 1 ? " (and the next " + (s.seeds() - 1)
                    + ")" : "") + "; replay with @WeftTest(deterministic = true, seed = " + Settings.hex(seed) + "L)");
        }
        return s.withSeed(seed);
    }
}
