package dev.weft.io.reactor;

import dev.weft.runtime.IoDriver;

/** Opens the reactor a test names by the runtime's {@link IoDriver}. */
final class OpenDriver {
    private OpenDriver() {
    }

    static Reactor open(IoDriver kind) {
        return kind == IoDriver.EPOLL ? Reactor.openEpoll(null) : Reactor.open(null);
    }
}
