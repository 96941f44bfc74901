/** Bridges from library packages (time, io) to the runtime they run on. Not exported. */
package dev.weft.runtime.internal;
