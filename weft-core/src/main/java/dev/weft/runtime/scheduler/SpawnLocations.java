package dev.weft.runtime.scheduler;

import java.lang.StackWalker.StackFrame;
import java.security.ProtectionDomain;
import java.util.Optional;

/**
 * Finds the frame that spawned a task: the first caller that is neither Weft's own code nor
 * the JDK's. Costs a stack walk (microseconds), so it runs only when the runtime was built with
 * {@code captureSpawnLocations(true)}.
 *
 * <p>Weft's own classes are recognised by their module when Weft is on the module path, else by
 * their protection domain (the jar or directory {@code weft-core} was loaded from) together with
 * the {@code dev.weft.} prefix: tests and examples share Weft's package names (so the prefix
 * alone would not do), and an application shaded into one jar with Weft shares its domain (so
 * the domain alone would not do).
 */
final class SpawnLocations {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Module WEFT_MODULE = Scheduler.class.getModule();
    private static final ProtectionDomain WEFT_DOMAIN = Scheduler.class.getProtectionDomain();

    private SpawnLocations() {
    }

    /** @return the caller's frame that spawned, or empty if every frame is Weft's or the JDK's */
    static Optional<StackTraceElement> capture() {
        return WALKER.walk(frames -> frames.filter(f -> !isMachinery(f)).findFirst())
                .map(StackFrame::toStackTraceElement);
    }

    private static boolean isMachinery(StackFrame f) {
        Class<?> c = f.getDeclaringClass();
        String n = c.getName();
        if (WEFT_MODULE.isNamed() ? c.getModule() == WEFT_MODULE
                : c.getProtectionDomain() == WEFT_DOMAIN && n.startsWith("dev.weft.")) {
            return true;
        }
        return n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.") || n.startsWith("com.sun.");
    }
}
