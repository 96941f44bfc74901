/**
 * The seed programs, written with Weft. Each class's {@code main} prints what the seed's Rust
 * version prints; {@link dev.weft.examples.Examples} runs one by name.
 */
package dev.weft.examples;
