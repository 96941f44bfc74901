package dev.weft.runtime.internal;

import dev.weft.io.reactor.Reactor;
import dev.weft.time.wheel.TimeDriver;

/**
 * How library code (timers, sockets) finds the drivers of the runtime it runs on.
 * Each lookup throws {@link IllegalStateException} naming the fix when there is no runtime.
 */
public final class Drivers {
    private Drivers() {
    }

    /**
     * @return the time driver of the current runtime
     * @throws IllegalStateException outside a runtime, or if its time driver is not enabled
     */
    public static TimeDriver time() {
        return RuntimeContext.require("the time driver").timeDriver();
    }

    /**
     * @param call the public call that needs the driver, for the message (e.g. {@code "Time.sleep(...)"})
     * @return the time driver of the current runtime
     * @throws IllegalStateException outside a runtime, or if its time driver is not enabled
     */
    public static TimeDriver time(String call) {
        return RuntimeContext.require(call).timeDriver();
    }

    /**
     * @return the I/O driver of the current runtime
     * @throws IllegalStateException outside a runtime, or if its I/O driver is not enabled
     */
    public static Reactor io() {
        return RuntimeContext.require("Weft's socket I/O").ioDriver();
    }
}
