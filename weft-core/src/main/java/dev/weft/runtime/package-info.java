/**
 * Runtimes and tasks: {@link dev.weft.runtime.Runtime} and its builder, {@link
 * dev.weft.runtime.Handle}, {@link dev.weft.runtime.JoinHandle}. A runtime is a scheduler plus
 * its drivers (time, later I/O); {@code blockOn} drives a future on the calling thread and
 * {@code spawn} runs one as a task.
 *
 * {@snippet :
 * try (Runtime rt = Runtime.builder().currentThread().enableTime().build()) {
 *     JoinHandle<String> h = rt.spawn(Futures.ready("hi"));
 *     System.out.println(rt.blockOn(h));
 * }
 * }
 */
package dev.weft.runtime;
