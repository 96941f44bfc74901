/**
 * The time driver: a hierarchical timing wheel of intrusive entries. Not exported; the
 * runtime and {@code dev.weft.time} use it.
 *
 * <ul>
 *   <li>{@link dev.weft.time.wheel.TimerEntry}: the base class of every timer future; its
 *       link fields make insert and remove O(1) with no allocation.</li>
 *   <li>{@link dev.weft.time.wheel.Wheel}: the single-threaded wheel, in ticks: 7 levels of 64
 *       slots, cascading as time advances.</li>
 *   <li>{@link dev.weft.time.wheel.TimeDriver}: one per runtime; the wheel behind a lock, in
 *       nanoseconds of a {@link dev.weft.time.Clock}, 1 ms per tick.</li>
 * </ul>
 *
 * <p>The runtime's side of the contract:
 * {@snippet :
 * TimeDriver driver = new TimeDriver(clock);
 * driver.onEarlierDeadline(loop::unpark);
 * // each turn of the loop
 * driver.processExpired();
 * // when idle
 * if (clock.isPaused()) {
 *     clock.advanceTo(driver.nextDeadline());   // auto-advance
 *     driver.processExpired();
 * } else {
 *     loop.parkUntil(driver.nextDeadline());    // Long.MAX_VALUE: until unparked
 * }
 * }
 */
package dev.weft.time.wheel;
