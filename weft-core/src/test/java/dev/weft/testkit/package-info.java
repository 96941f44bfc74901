/**
 * Helpers the tests of several packages share: a counting {@link dev.weft.testkit.TestWaker}
 * for polling futures by hand, {@link dev.weft.testkit.CancelAfter} for cancelling at an
 * exact await point, and {@link dev.weft.testkit.LincheckScenarios} for hand-written Lincheck
 * scenarios.
 */
package dev.weft.testkit;
