/**
 * Machinery of the futures core that other Weft packages use but users do not: the one
 * implementation of {@code await()}, the {@code Suspender} hook through which the runtime makes
 * coroutines wait, argument checks. Not exported.
 */
package dev.weft.future.internal;
