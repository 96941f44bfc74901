package dev.weft.time.wheel;

import java.util.concurrent.atomic.AtomicInteger;

/** A timer entry that counts its fires. */
class TestEntry extends TimerEntry {
    final String name;
    final AtomicInteger fires = new AtomicInteger();

    TestEntry(String name) {
        this.name = name;
    }

    @Override
    protected void fire() {
        fires.incrementAndGet();
    }

    boolean fired() {
        return hasFired();
    }

    @Override
    public String toString() {
        return name;
    }
}
