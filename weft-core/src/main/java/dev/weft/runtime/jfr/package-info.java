/**
 * Weft's JDK Flight Recorder events: what the runtime does, recorded at almost no cost when no
 * recording asks for it. Not exported: recordings see the events by name, not by class.
 *
 * <table>
 * <caption>Events</caption>
 * <tr><th>name</th><th>when</th><th>on by default</th></tr>
 * <tr><td>{@code dev.weft.TaskSpawned}</td><td>a task is spawned (stack: the spawner's)</td><td>no</td></tr>
 * <tr><td>{@code dev.weft.TaskFinished}</td><td>a task completes: ok, failed or cancelled</td><td>no</td></tr>
 * <tr><td>{@code dev.weft.LongPoll}</td><td>one poll (or coroutine run) lasted longer than the
 *     runtime's {@code longPollThreshold} (10 ms by default)</td><td>no</td></tr>
 * <tr><td>{@code dev.weft.WorkerParked}</td><td>a worker goes to sleep for lack of work</td><td>no</td></tr>
 * <tr><td>{@code dev.weft.WorkerUnparked}</td><td>it wakes up; the duration is the time it slept</td><td>no</td></tr>
 * <tr><td>{@code dev.weft.BlockedWorker}</td><td>the blocked-worker detector reports a poll
 *     that holds its worker (with that worker's stack)</td><td>yes</td></tr>
 * </table>
 *
 * <p>Events that cost something on the hot path are off unless a recording enables them, as the
 * JDK's own {@code jdk.VirtualThreadStart} is: frequent ones (spawns, parks), and long polls,
 * which time every poll while enabled. Blocked workers cost the workers nothing and are on, so a
 * plain {@code -XX:StartFlightRecording} shows them.
 *
 * {@snippet :
 * try (Recording r = new Recording()) {
 *     r.enable("dev.weft.TaskSpawned");
 *     r.enable("dev.weft.TaskFinished");
 *     r.enable("dev.weft.LongPoll").withThreshold(Duration.ofMillis(20));
 *     r.start();
 *     runTheWorkload();
 *     r.dump(Path.of("weft.jfr"));    // then: jfr print --events dev.weft.LongPoll weft.jfr
 * }
 * }
 *
 * <p>Implementation notes. Each emitting site asks {@link dev.weft.runtime.jfr.WeftEvents}
 * first, which reads one static mask of the events recordings want (refreshed by the workers
 * every 64 runs): one load, and no event object unless the event is wanted.
 */
package dev.weft.runtime.jfr;
