package dev.weft.runtime;

/**
 * A runtime as JMX sees it: its {@link RuntimeMetrics} as attributes, and its
 * {@linkplain Handle#dumpTasks() task dump} as an operation. Every runtime built with
 * {@link RuntimeBuilder#registerMXBean(boolean) registerMXBean(true)} (the default) is
 * registered in the platform MBean server as {@code dev.weft:type=Runtime,name="<name>"} until
 * it is closed, so JConsole, JMC or any JMX client can watch it.
 *
 * {@snippet :
 * MBeanServer server = ManagementFactory.getPlatformMBeanServer();
 * ObjectName on = new ObjectName("dev.weft:type=Runtime,name=" + ObjectName.quote("api"));
 * long polls = (Long) server.getAttribute(on, "TotalPolls");
 * WeftRuntimeMXBean bean = JMX.newMXBeanProxy(server, on, WeftRuntimeMXBean.class);
 * System.out.println(bean.dumpTasks());
 * }
 *
 * <p>Each attribute is read from the running runtime when asked, as {@link Handle#metrics()}
 * reads it: eventually consistent, never stopping the runtime. A runtime that was dropped
 * without being closed reads as zeros until its bean is unregistered (when it is collected).
 */
public interface WeftRuntimeMXBean {

    /** {@return the runtime's name (see {@link RuntimeBuilder#name(String)})} */
    String getName();

    /** {@return {@code multi-thread} or {@code current-thread}} */
    String getFlavor();

    /** {@return where coroutines run: {@code WEFT_SCHEDULER} or {@code JDK_SCHEDULER}} */
    String getCoroutineMode();

    /** {@return whether the runtime was shut down} */
    boolean isShutdown();

    /** {@return {@link RuntimeMetrics#workerCount()}} */
    int getWorkerCount();

    /** {@return {@link RuntimeMetrics#aliveTasks()}} */
    int getAliveTasks();

    /** {@return {@link RuntimeMetrics#globalQueueDepth()}} */
    int getGlobalQueueDepth();

    /** {@return {@link RuntimeMetrics#totalPolls()}} */
    long getTotalPolls();

    /** {@return {@link RuntimeMetrics#totalSteals()}} */
    long getTotalSteals();

    /** {@return {@link RuntimeMetrics#totalParks()}} */
    long getTotalParks();

    /** {@return the workers' busy time summed, in milliseconds (see {@link RuntimeMetrics.Worker#busyTime()})} */
    long getTotalBusyTimeMillis();

    /** {@return {@link RuntimeMetrics#blockingThreads()}} */
    int getBlockingThreads();

    /** {@return {@link RuntimeMetrics#idleBlockingThreads()}} */
    int getIdleBlockingThreads();

    /** {@return {@link RuntimeMetrics#blockingQueueDepth()}} */
    int getBlockingQueueDepth();

    /** {@return {@link RuntimeMetrics#blockingInFlight()}} */
    int getBlockingInFlight();

    /** {@return {@link RuntimeMetrics#liveCoroutines()}} */
    int getLiveCoroutines();

    /** {@return {@link RuntimeMetrics#ioDriver()}: {@code NIO}, {@code EPOLL}, or empty without I/O} */
    String getIoDriver();

    /** {@return {@link RuntimeMetrics#ioRegistrations()}} */
    int getIoRegistrations();

    /** {@return {@link RuntimeMetrics#ioReadyEvents()}} */
    long getIoReadyEvents();

    /** {@return the readable task dump ({@link TaskDump#toString()})} */
    String dumpTasks();
}
