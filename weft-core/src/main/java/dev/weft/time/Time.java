package dev.weft.time;

/**
 * Timers: sleep, timeout, interval (in progress).
 *
 * {@snippet :
 * Time.sleep(Duration.ofMillis(10)).await();
 * }
 */
public final class Time {
    private Time() {
    }
}
