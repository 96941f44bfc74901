package dev.weft.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoReportTest {
    /** A round of {@code requests} in one second with {@code ticks} of server CPU at 100 ticks/s. */
    private static EchoReport.Row row(String kind, long requests, long ticks) {
        return new EchoReport.Row(kind, "0", requests, 1_000_000_000L, ticks, 0, 0, 0, 0, 0, 0, 0, 100, Map.of());
    }

    @Test
    void ratiosAreAgainstTheCServerWhenItRan() {
        assertEquals("c-epoll", EchoReport.baseline(List.of("weft-mt", "tokio-ct", "c-epoll")));
        assertEquals("weft-mt", EchoReport.baseline(List.of("netty-epoll", "weft-mt", "tokio-ct")));
        assertEquals("netty-epoll", EchoReport.baseline(List.of("netty-epoll", "vthreads")));
    }

    @Test
    void minimumAndMedianCpuOverRounds() {
        // 10,000 requests: 1 tick = 1 µs per request
        List<EchoReport.Row> rounds = List.of(row("x", 10_000, 12), row("x", 10_000, 9), row("x", 10_000, 15),
                row("x", 10_000, 10), row("x", 10_000, 11));
        assertSame(rounds.get(1), EchoReport.leastCpu(rounds));
        assertEquals(11, EchoReport.median(rounds, EchoReport.Row::cpuPerRequest), 1e-9);
        // an even count: the mean of the middle two of 9, 10, 12, 15
        assertEquals(11, EchoReport.median(rounds.subList(0, 4), EchoReport.Row::cpuPerRequest), 1e-9);
        assertEquals(12, EchoReport.median(rounds.subList(1, 3), EchoReport.Row::cpuPerRequest), 1e-9); // 9 and 15
    }
}
