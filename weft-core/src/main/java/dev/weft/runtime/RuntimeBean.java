package dev.weft.runtime;

import dev.weft.runtime.scheduler.MultiThreadScheduler;
import dev.weft.runtime.scheduler.Scheduler;
import java.lang.ref.WeakReference;
import java.time.Duration;

/**
 * The {@link WeftRuntimeMXBean} of one runtime. It holds its scheduler weakly, so a runtime that
 * is dropped without {@code close()} can still be collected (its registration's cleaner then
 * unregisters the bean).
 */
final class RuntimeBean implements WeftRuntimeMXBean {
    private final String name;
    private final WeakReference<Scheduler> scheduler;

    RuntimeBean(String name, Scheduler scheduler) {
        this.name = name;
        this.scheduler = new WeakReference<>(scheduler);
    }

    private RuntimeMetrics metrics() {
        Scheduler s = scheduler.get();
        return s == null ? null : RuntimeMetrics.of(s);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getFlavor() {
        return scheduler.get() instanceof MultiThreadScheduler ? "multi-thread" : "current-thread";
    }

    @Override
    public String getCoroutineMode() {
        Scheduler s = scheduler.get();
        return s == null ? "" : s.coroutineMode().name();
    }

    @Override
    public boolean isShutdown() {
        Scheduler s = scheduler.get();
        return s == null || s.isShutdown();
    }

    @Override
    public int getWorkerCount() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.workerCount();
    }

    @Override
    public int getAliveTasks() {
        Scheduler s = scheduler.get();
        return s == null ? 0 : s.aliveTasks();
    }

    @Override
    public int getGlobalQueueDepth() {
        Scheduler s = scheduler.get();
        return s == null ? 0 : s.globalQueueDepth();
    }

    @Override
    public long getTotalPolls() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.totalPolls();
    }

    @Override
    public long getTotalSteals() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.totalSteals();
    }

    @Override
    public long getTotalParks() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.totalParks();
    }

    @Override
    public long getTotalBusyTimeMillis() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.workers().stream().map(RuntimeMetrics.Worker::busyTime)
                .reduce(Duration.ZERO, Duration::plus).toMillis();
    }

    @Override
    public int getBlockingThreads() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.blockingThreads();
    }

    @Override
    public int getIdleBlockingThreads() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.idleBlockingThreads();
    }

    @Override
    public int getBlockingQueueDepth() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.blockingQueueDepth();
    }

    @Override
    public int getBlockingInFlight() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.blockingInFlight();
    }

    @Override
    public int getLiveCoroutines() {
        Scheduler s = scheduler.get();
        return s == null ? 0 : s.liveCoroutines();
    }

    @Override
    public String getIoDriver() {
        RuntimeMetrics m = metrics();
        return m == null ? "" : m.ioDriver().map(Enum::name).orElse("");
    }

    @Override
    public int getIoRegistrations() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.ioRegistrations();
    }

    @Override
    public long getIoReadyEvents() {
        RuntimeMetrics m = metrics();
        return m == null ? 0 : m.ioReadyEvents();
    }

    @Override
    public String dumpTasks() {
        Scheduler s = scheduler.get();
        return s == null ? "runtime '" + name + "' is gone" : Handle.dump(s).toString();
    }
}
