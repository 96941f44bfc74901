package dev.weft.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CLoadGeneratorTest {
    private static final String LINE =
            "conns=16 size=64 secs=2 requests=200000 rps=100000 p50_us=151.5 p99_us=322.0 p999_us=1250.3 errors=0";
    private static final CLoadGenerator.Sample FROM = new CLoadGenerator.Sample(1000, 2000, 50, 10_000);
    // over the window: server 30 + 160 ticks, client 180 ticks, machine 390 ticks (at 100 ticks/s)
    private static final CLoadGenerator.Sample TO = new CLoadGenerator.Sample(1030, 2160, 230, 10_390);

    @Test
    void aLoadgenLineBecomesARow() throws IOException {
        String result = CLoadGenerator.result(LINE, FROM, TO, 100);
        EchoReport.Row row = EchoReport.Row.parse("c-epoll", "0.5 0.4 0.3", result, 100, Map.of());
        assertEquals(200_000, row.requests());
        assertEquals(2_000_000_000L, row.elapsedNanos());
        assertEquals(100_000, row.rps(), 1e-6);
        // latencies: µs in the line, ns in the row
        assertEquals(151_500, row.p50());
        assertEquals(322_000, row.p99());
        assertEquals(1_250_300, row.p999());
        assertEquals(0, row.max());
        assertEquals(30, row.userTicks());
        assertEquals(160, row.systemTicks());
        // 190 ticks of 10 ms = 1.9 s of CPU over 200,000 requests
        assertEquals(9.5, row.cpuPerRequest(), 1e-9);
        assertEquals(1.5, row.userPerRequest(), 1e-9);
        assertEquals(1_800_000_000L, row.clientCpuNanos());
        assertEquals(0.95, row.serverBusy(), 1e-9);
        assertEquals(0.9, row.clientBusy(), 1e-9);
        // 390 - 190 - 180 = 20 ticks = 0.2 s over 2 s
        assertEquals(0.1, row.otherCores(), 1e-9);
    }

    @Test
    void clockTicksOtherThanAHundred() throws IOException {
        String result = CLoadGenerator.result(LINE, FROM, TO, 1000);
        EchoReport.Row row = EchoReport.Row.parse("c-epoll", "0", result, 1000, Map.of());
        assertEquals(180_000_000L, row.clientCpuNanos());
        assertEquals(0.95, row.cpuPerRequest(), 1e-9);
    }

    @Test
    void fractionalWindows() throws IOException {
        String line = LINE.replace("secs=2", "secs=0.5");
        EchoReport.Row row = EchoReport.Row.parse("c-epoll", "0", CLoadGenerator.result(line, FROM, TO, 100), 100, Map.of());
        assertEquals(500_000_000L, row.elapsedNanos());
    }

    @Test
    void errorsFailTheMeasurement() {
        var e = assertThrows(IOException.class,
                () -> CLoadGenerator.result(LINE.replace("errors=0", "errors=3"), FROM, TO, 100));
        assertTrue(e.getMessage().contains("errors=3"), e.getMessage());
    }

    @Test
    void aLineWithoutAFieldFails() {
        var e = assertThrows(IOException.class,
                () -> CLoadGenerator.result(LINE.replace(" p99_us=322.0", ""), FROM, TO, 100));
        assertTrue(e.getMessage().contains("no p99_us"), e.getMessage());
    }
}
