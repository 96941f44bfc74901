/**
 * The first thing a user types: {@link dev.weft.Weft} ({@code run}, {@code spawn},
 * {@code sleep}, {@code timeout}) and {@link dev.weft.Async} (coroutines).
 *
 * {@snippet :
 * Weft.run(() -> {
 *     var a = Weft.spawn(() -> { Weft.sleep(Duration.ofMillis(50)).await(); return "a"; });
 *     var b = Weft.spawn(() -> { Weft.sleep(Duration.ofMillis(50)).await(); return "b"; });
 *     System.out.println(a.await() + " " + b.await());
 *     return null;
 * });
 * }
 */
package dev.weft;
