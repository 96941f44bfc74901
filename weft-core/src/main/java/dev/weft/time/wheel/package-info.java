/** The time driver: a hierarchical timing wheel of intrusive entries. Not exported. */
package dev.weft.time.wheel;
