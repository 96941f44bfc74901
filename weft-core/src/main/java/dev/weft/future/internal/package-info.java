/**
 * Machinery of the futures core that other Weft packages use but users do not: the one
 * implementation of {@code await()}, the {@code Suspender} hook through which the runtime makes
 * coroutines wait, the cooperative budget every resource asks ({@code Coop}, beside the
 * suspender that keeps it, so sync, time and io need no runtime package for it), argument
 * checks. Not exported.
 */
package dev.weft.future.internal;
