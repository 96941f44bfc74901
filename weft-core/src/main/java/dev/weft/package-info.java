/**
 * The first thing a user types: {@link dev.weft.Weft} ({@code run}, {@code spawn},
 * {@code sleep}, {@code timeout}) and {@link dev.weft.Async} (coroutines).
 *
 * {@snippet class=dev.weft.snippets.WeftSnippets region=package}
 */
package dev.weft;
