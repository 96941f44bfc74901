package dev.weft.runtime.scheduler;

import dev.weft.future.internal.Suspender;
import dev.weft.future.internal.ThreadSlots;

/**
 * A multi-thread runtime's worker thread: lets {@code schedule} find its worker in one check,
 * and keeps the thread's suspender and runtime in fields rather than thread-locals (a
 * continuation resumed here after it ran on another worker must find this worker's; see
 * {@link dev.weft.future.internal.Carrier}). Both fields are owner-only.
 */
final class WorkerThread extends Thread implements ThreadSlots {
    final Worker worker;
    private Suspender suspender;
    private Object context;

    WorkerThread(Worker worker, String name) {
        super(worker, name);
        this.worker = worker;
        setDaemon(true);
    }

    @Override
    public Suspender suspenderSlot() {
        return suspender;
    }

    @Override
    public void suspenderSlot(Suspender s) {
        suspender = s;
    }

    @Override
    public Object contextSlot() {
        return context;
    }

    @Override
    public void contextSlot(Object ctx) {
        context = ctx;
    }
}
