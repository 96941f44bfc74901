/**
 * The futures core: {@link dev.weft.future.Future}, {@link dev.weft.future.Poll},
 * {@link dev.weft.future.Context}, {@link dev.weft.future.Waker}, streams and combinators.
 * Nothing here needs a runtime, so any executor can drive these futures —
 * {@link dev.weft.future.Futures#blockOn} is the smallest one. {@link dev.weft.future.Select}
 * waits on branches of different types with a handler each (Tokio's {@code select!}).
 *
 * {@snippet class=dev.weft.snippets.FutureSnippets region=package}
 */
package dev.weft.future;
