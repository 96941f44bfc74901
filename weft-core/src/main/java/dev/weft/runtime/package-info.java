/**
 * Runtimes and tasks: {@link dev.weft.runtime.Runtime} and its builder, {@link
 * dev.weft.runtime.Handle}, {@link dev.weft.runtime.JoinHandle}. A runtime is a scheduler plus
 * its drivers: time, and I/O ({@link dev.weft.runtime.IoDriver}: epoll on Linux, else NIO's
 * selector); {@code blockOn} drives a future on the calling thread and
 * {@code spawn} runs one as a task. A {@link dev.weft.runtime.LocalSet} runs tasks that never
 * leave the thread that drives it, for state that is not thread-safe. Seeing inside: {@link dev.weft.runtime.RuntimeMetrics}
 * ({@code handle.metrics()}), task names, the blocked-worker detector
 * ({@link dev.weft.runtime.BlockedWorker}), on by default, task dumps
 * ({@link dev.weft.runtime.TaskDump}, {@code handle.dumpTasks()}), each runtime's
 * {@link dev.weft.runtime.WeftRuntimeMXBean} for JConsole and JMC, and JFR events
 * ({@code dev.weft.LongPoll} and others). A {@link dev.weft.runtime.JoinSet}
 * is a group of tasks joined in the order they finish, and aborted when it is closed.
 *
 * {@snippet class=dev.weft.snippets.RuntimeSnippets region=package}
 */
package dev.weft.runtime;
