/** Schedulers and tasks: the machinery behind {@code dev.weft.runtime}. Not exported. */
package dev.weft.runtime.scheduler;
