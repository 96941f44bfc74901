package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.net.TcpListener;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Weft seen through JDK Flight Recorder: records a TCP echo server and four clients for about a
 * second, plus one deliberate mistake (a poll that sleeps 50 ms on a worker), then reads the
 * recording back and prints what Weft's events say. {@code ./weft example jfr-summary [seconds]}.
 * <pre>
 * echo: 4 connections: 36,282 round trips in 1.0s = 36,196 round trips/s, p50 70 µs, p99 511 µs
 * Weft JFR events of runtime 'jfr-summary':
 *   dev.weft.TaskSpawned         10
 *   dev.weft.TaskFinished        10  (ok 9, failed 0, cancelled 1)
 *   dev.weft.LongPoll             4
 *   dev.weft.WorkerParked     24693
 *   dev.weft.WorkerUnparked   24694
 *   dev.weft.BlockedWorker        1
 * long polls, longest first: nap 51 ms, a coroutine started outside any task 28 ms, task-4 12 ms, ...
 *   ("a coroutine started outside any task": a coroutine that no spawn owns, such as the body ...)
 * long poll: task 'nap' (dev.weft.examples.JfrSummary$NapPoll) held weft-worker-0 for 51 ms
 *   recorded where the poll returned: dev.weft.runtime.scheduler.Worker.runOne line 194 &lt;- ...
 * blocked worker: task 'nap' on weft-worker-0, seen after 23 ms; its stack then:
 *   at java.base/java.lang.Thread.sleepNanos0(Native Method)
 *   at java.base/java.lang.Thread.sleepNanos(Thread.java:509)
 *   at java.base/java.lang.Thread.sleep(Thread.java:540)
 *   at dev.weft.examples.JfrSummary$NapPoll.poll(JfrSummary.java:...)
 * </pre>
 * The same events are in any recording of a program that uses Weft: {@code java
 * -XX:StartFlightRecording ...} records blocked workers by default; the events that cost
 * something per task or per poll (spawns, parks, long polls) are enabled by name, as here.
 */
public final class JfrSummary {
    static final String RUNTIME = "jfr-summary";
    static final List<String> EVENTS = List.of("dev.weft.TaskSpawned", "dev.weft.TaskFinished", "dev.weft.LongPoll",
            "dev.weft.WorkerParked", "dev.weft.WorkerUnparked", "dev.weft.BlockedWorker");

    /** How the runtime names a coroutine that no task owns. */
    static final String OUTSIDE_TASK = "a coroutine started outside any task";
    /** What that name means, printed below the long polls when one of them has it. */
    static final String OUTSIDE_TASK_MEANS = "  (\"" + OUTSIDE_TASK + "\": a coroutine that no spawn owns, such as "
            + "the body given to blockOn or Weft.run; its long poll is usually its first run paying the cold "
            + "JVM's class loading, once, not a bug)";

    private JfrSummary() {
    }

    /** The mistake, on purpose: a poll-based future whose poll sleeps 50 ms on the worker. */
    static final class NapPoll implements Future<String> {
        @Override
        public Poll<String> poll(Context cx) {
            try {
                Thread.sleep(50); // blocks the worker: a LongPoll event, and the detector (20 ms here) sees it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Poll.ready("napped");
        }
    }

    /** Runs the echo workload and the nap on a named runtime; returns the client's result line. */
    static String workload(double seconds) throws Exception {
        try (Runtime rt = Runtime.builder().name(RUNTIME).enableAll().workerThreads(2)
                .blockedWorkerThreshold(Duration.ofMillis(20))
                .blockedWorkerHandler(b -> { }) // the JFR event says it all; the default handler logs a WARNING
                .build()) {
            return rt.blockOn(Async.async(() -> {
                TcpListener listener = TcpListener.bind("127.0.0.1:0");
                JoinHandle<Void> server = Weft.spawn("echo-server", () -> EchoServer.acceptLoop(listener));
                JoinHandle<String> nap = Weft.spawn("nap", new NapPoll());
                String line = EchoClient.run("127.0.0.1:" + listener.localAddress().getPort(), 4, seconds);
                nap.await();
                server.abort();
                try {
                    server.await(); // the pending accept is cancelled before the listener closes
                } catch (JoinError aborted) {
                    // expected
                }
                listener.close();
                return line;
            }));
        }
    }

    /** Records {@link #workload}, reads the recording back, and returns the summary's lines. */
    static List<String> run(double seconds) throws Exception {
        Path file = Files.createTempFile("weft-jfr-summary", ".jfr");
        try (Recording recording = new Recording()) {
            EVENTS.forEach(recording::enable);
            recording.start();
            String echo = workload(seconds);
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> RUNTIME.equals(e.getString("runtime"))).toList();
            List<String> out = new ArrayList<>();
            out.add("echo: " + echo);
            out.addAll(summary(events));
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static List<String> summary(List<RecordedEvent> events) {
        List<String> out = new ArrayList<>();
        out.add("Weft JFR events of runtime '" + RUNTIME + "':");
        for (String type : EVENTS) {
            List<RecordedEvent> of = ofType(events, type);
            String line = String.format("  %-24s %6d", type, of.size());
            if (type.equals("dev.weft.TaskFinished")) {
                Map<String, Integer> outcomes = new TreeMap<>(Map.of("ok", 0, "failed", 0, "cancelled", 0));
                of.forEach(e -> outcomes.merge(e.getString("outcome"), 1, Integer::sum));
                line += String.format("  (ok %d, failed %d, cancelled %d)", outcomes.get("ok"), outcomes.get("failed"),
                        outcomes.get("cancelled"));
            }
            out.add(line);
        }
        List<RecordedEvent> longPolls = ofType(events, "dev.weft.LongPoll").stream()
                .sorted(Comparator.comparing((RecordedEvent e) -> e.getDuration()).reversed()).toList();
        if (!longPolls.isEmpty()) {
            List<String> longest = longPolls.stream().limit(5)
                    .map(e -> e.getString("taskName") + " " + e.getDuration().toMillis() + " ms").toList();
            out.add("long polls, longest first: " + String.join(", ", longest));
            if (longest.stream().anyMatch(l -> l.startsWith(OUTSIDE_TASK))) {
                out.add(OUTSIDE_TASK_MEANS);
            }
            out.addAll(longPoll(longPolls.stream().filter(e -> e.getString("taskName").equals("nap")).findFirst()
                    .orElse(longPolls.get(0)))); // the deliberate one (a cold JVM has slow first polls too)
        }
        ofType(events, "dev.weft.BlockedWorker").stream()
                .filter(e -> e.getString("taskName").equals("nap")).findFirst().ifPresent(e -> out.addAll(blocked(e)));
        return out;
    }

    private static List<RecordedEvent> ofType(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    /** One long poll: what was polled, for how long, and the frames JFR recorded after it. */
    private static List<String> longPoll(RecordedEvent e) {
        List<String> out = new ArrayList<>();
        out.add("long poll: task '" + e.getString("taskName") + "' (" + e.getString("futureClass") + ") held "
                + e.getThread().getJavaName() + " for " + e.getDuration().toMillis() + " ms");
        List<String> frames = e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames().stream()
                .map(JfrSummary::frame).filter(f -> !f.contains(".jfr.") && !f.contains("LongPolls")).limit(3).toList();
        out.add("  recorded where the poll returned: " + String.join(" <- ", frames));
        return out;
    }

    /** The detector's report: the blocked thread's own stack, taken while the poll still ran. */
    private static List<String> blocked(RecordedEvent e) {
        List<String> out = new ArrayList<>();
        out.add("blocked worker: task '" + e.getString("taskName") + "' on " + e.getThread("workerThread").getJavaName()
                + ", seen after " + Duration.ofNanos(e.getLong("blockedFor")).toMillis() + " ms; its stack then:");
        e.getString("blockedStack").lines().limit(4).forEach(l -> out.add("  at " + l));
        return out;
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + " line " + f.getLineNumber();
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        run(seconds).forEach(System.out::println);
    }
}
