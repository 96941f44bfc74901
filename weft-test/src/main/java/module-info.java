/**
 * Weft's JUnit 5 support: {@link dev.weft.test.WeftTest} runs a test as a coroutine on a fresh
 * runtime, with virtual time on request, and fails it on leaked tasks and unjoined task failures.
 */
module dev.weft.test {
    requires transitive dev.weft;
    requires transitive org.junit.jupiter.api;

    exports dev.weft.test;
}
