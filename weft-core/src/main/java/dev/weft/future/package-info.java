/**
 * The futures core: {@link dev.weft.future.Future}, {@link dev.weft.future.Poll},
 * {@link dev.weft.future.Context}, {@link dev.weft.future.Waker}, streams and combinators.
 * Nothing here needs a runtime, so any executor can drive these futures —
 * {@link dev.weft.future.Futures#blockOn} is the smallest one. {@link dev.weft.future.Select}
 * waits on branches of different types with a handler each (Tokio's {@code select!}).
 *
 * {@snippet :
 * Future<Integer> sum = Futures.join(Futures.ready(2), Futures.ready(3))
 *         .map(list -> list.get(0) + list.get(1));
 * System.out.println(Futures.blockOn(sum));   // 5
 * }
 */
package dev.weft.future;
