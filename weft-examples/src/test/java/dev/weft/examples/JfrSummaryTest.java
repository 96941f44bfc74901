package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JFR summary example: every Weft event type shows up, and the deliberate long poll is named. */
class JfrSummaryTest {

    static int count(List<String> out, String type) {
        String line = out.stream().filter(l -> l.trim().startsWith(type + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + type + " in " + out));
        return Integer.parseInt(line.trim().split("\\s+")[1]);
    }

    /**
     * The blocked-worker detector samples the worker: on a loaded machine its thread may wake
     * too late to see the 50 ms nap (20 ms threshold) while it lasts. Every run must show what
     * does not depend on that; one of {@value ExamplesTest#SAMPLED_RUNS} runs must show the report.
     */
    @Test
    void theSummaryCountsEachEventTypeAndNamesTheLongPoll() throws Exception {
        List<String> runs = new java.util.ArrayList<>();
        for (int i = 0; i < ExamplesTest.SAMPLED_RUNS; i++) {
            List<String> out = ExamplesTest.run("jfr-summary", "0.3");
            String all = String.join("\n", out);
            runs.add(all);
            checkRun(out, all);
            if (count(out, "dev.weft.BlockedWorker") > 0 && all.contains("blocked worker: task 'nap' on ")) {
                assertTrue(all.contains("at " + JfrSummary.NapPoll.class.getName() + ".poll(JfrSummary.java:"), all);
                return;
            }
        }
        throw new AssertionError("the detector never reported the nap:\n" + String.join("\n--\n", runs));
    }

    private static void checkRun(List<String> out, String all) {
        assertTrue(out.get(0).matches("echo: 4 connections: [\\d,]+ round trips in 0\\.\\ds = .*"), all);
        assertEquals("Weft JFR events of runtime 'jfr-summary':", out.get(1), all);
        for (String type : JfrSummary.EVENTS) {
            if (!type.equals("dev.weft.BlockedWorker")) { // sampled: checked by the caller
                assertTrue(count(out, type) > 0, type + " recorded: " + all);
            }
        }
        assertTrue(count(out, "dev.weft.TaskSpawned") >= 6, "server, nap, 4 clients, connections: " + all);
        assertTrue(all.matches("(?s).*cancelled [1-9]\\d*\\).*"), "the aborted server: " + all);
        assertTrue(all.contains("long poll: task 'nap' (" + JfrSummary.NapPoll.class.getName() + ") held "), all);
        assertTrue(all.contains("recorded where the poll returned: dev.weft.runtime.scheduler."), all);
        boolean outside = out.stream().anyMatch(l -> l.startsWith("long polls, longest first: ")
                && l.contains(JfrSummary.OUTSIDE_TASK));
        assertEquals(outside, out.contains(JfrSummary.OUTSIDE_TASK_MEANS),
                "a long poll of a coroutine outside any task is explained: " + all);
    }
}
