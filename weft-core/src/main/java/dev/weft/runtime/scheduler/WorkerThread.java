package dev.weft.runtime.scheduler;

/** A multi-thread runtime's worker thread: lets {@code schedule} find its worker in one check. */
final class WorkerThread extends Thread {
    final Worker worker;

    WorkerThread(Worker worker, String name) {
        super(worker, name);
        this.worker = worker;
        setDaemon(true);
    }
}
