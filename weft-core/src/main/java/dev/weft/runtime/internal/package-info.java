/**
 * Bridges between the runtime and the rest of Weft. Not exported: {@code RuntimeContext} (what
 * {@code Handle.current()} and the drivers' lookups find on a runtime's threads), {@code Drivers}
 * (how timers and sockets find their runtime's drivers), {@code UnjoinedFailures} (failures of
 * tasks nobody joined, shared by the schedulers and the blocking pool), {@code VoidBodies}
 * (a body without a value as the callable every spawn takes).
 */
package dev.weft.runtime.internal;
