package dev.weft.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    /** What {@link CLoadGenerator} relies on: a reaped child's CPU time shows up in the parent's cutime + cstime. */
    @Test
    void aReapedChildsCpuTimeIsCountedAsTheParents() throws Exception {
        long before = ProcStat.childrenTicks();
        Process busy = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done").start();
        long pid = busy.pid();
        long alive = 0;
        while (busy.isAlive()) {
            try {
                alive = ProcStat.cpuTicks(pid);
            } catch (java.io.IOException gone) {
                break;
            }
            Thread.sleep(10);
        }
        assertEquals(0, busy.waitFor());
        long reaped = ProcStat.childrenTicks() - before;
        assertTrue(reaped >= 5, "a busy shell loop counted " + reaped + " ticks");
        assertTrue(reaped >= alive, reaped + " ticks reaped, " + alive + " seen while it ran");
    }
}
