/**
 * Time: {@link dev.weft.time.Time#sleep}, {@link dev.weft.time.Time#timeout},
 * {@link dev.weft.time.Time#interval} and the {@link dev.weft.time.Clock} that can be paused
 * for tests. Every future here needs a runtime with time enabled.
 *
 * {@snippet :
 * String r = Time.timeout(Duration.ofMillis(100), slowQuery(40)).await();
 * }
 */
package dev.weft.time;
