package dev.weft.runtime.scheduler;

import java.util.Objects;
import java.util.stream.Stream;
import jdk.internal.vm.ThreadContainer;
import jdk.internal.vm.ThreadContainers;

/**
 * The JDK thread container that a runtime's virtual-thread coroutines start in, instead of the
 * JDK's root container.
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>Why.</b> A virtual thread started with {@code Thread.start()} joins the root container,
 *     which by default ({@code jdk.trackAllThreads}) keeps every live virtual thread in one
 *     {@code ConcurrentHashMap}: each coroutine paid a put at its start and a remove at its end,
 *     shared by every worker (spawn-many, measured with the tracking switched off: medians about
 *     10 % lower on one worker and on two). This container keeps nothing per thread:
 *     {@link #onStart} and {@link #onExit} are the JDK's empty defaults.</li>
 * <li><b>What a thread dump sees.</b> The container is registered with the JDK
 *     ({@code ThreadContainers.registerContainer}, held weakly there), so
 *     {@code jcmd PID Thread.dump_to_file} lists it under the root with the virtual threads of
 *     the runtime's coroutine <em>tasks</em>, read from the tasks it owns when the dump asks.
 *     A coroutine that is not a task (an {@code Async.async} future awaited by one) runs in the
 *     container but is not listed; Weft's own task dump shows it inside its task's await
 *     stack.</li>
 * <li><b>Availability.</b> Subclassing {@code ThreadContainer} needs {@code jdk.internal.vm}
 *     exported to Weft (the continuation engine's flag), and starting a thread in a container
 *     needs {@code java.lang} opened (the virtual-thread engine's). {@link CoroutineThreads} loads
 *     this class only when both hold; otherwise coroutines start in the root container.</li>
 * </ul>
 */
final class CoroutineContainer extends ThreadContainer {
    private final TaskHost host;
    private final String name;

    private CoroutineContainer(TaskHost host, String name) {
        super(true); // shared: threads start and end in it from any thread, it has no owner
        this.host = host;
        this.name = name;
    }

    /**
     * @param host the runtime (or local set) whose coroutines start in it
     * @param runtimeName the runtime's name, for thread dumps
     * @return a new container, registered with the JDK's thread dumps
     */
    static CoroutineContainer open(TaskHost host, String runtimeName) {
        CoroutineContainer c = new CoroutineContainer(Objects.requireNonNull(host, "host"),
                "weft coroutines of " + runtimeName);
        ThreadContainers.registerContainer(c); // weakly held: dropped with its runtime
        return c;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Stream<Thread> threads() {
        return host.owned.snapshot().stream()
                .map(t -> t.coroutineForDump() instanceof Coroutine<?> c ? c.thread() : null)
                .filter(t -> t != null && t.isAlive());
    }

    @Override
    public long threadCount() {
        return host.counts.liveCoroutines();
    }
}
