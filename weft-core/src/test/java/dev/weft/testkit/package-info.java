/**
 * Helpers the tests of several packages share: a counting {@link dev.weft.testkit.TestWaker}
 * for polling futures by hand and {@link dev.weft.testkit.CancelAfter} for cancelling at an
 * exact await point.
 */
package dev.weft.testkit;
