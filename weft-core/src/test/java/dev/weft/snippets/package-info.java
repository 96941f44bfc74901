/**
 * The examples of weft-core's Javadoc, as compiled code. A Javadoc comment shows one with
 * {@code {@snippet class=dev.weft.snippets.TimeSnippets region=sleep-reset}}; the region is the
 * code between {@code // @start region="sleep-reset"} and {@code // @end} in that class (the
 * javadoc tool finds the classes through {@code --snippet-path src/test/java}, set in
 * weft-core's pom). Test-compile compiles these classes, so an example that no longer matches
 * the API fails the build, and {@code SnippetsTest} runs the ones that need no network, signal
 * or other process.
 *
 * <p>One class per API package (or per large class), named after it. What a region needs but
 * the reader does not (a URL list, a {@code fetch} to call) sits outside the regions, at the
 * bottom of the class. An example that shows a fragment of a larger program is a method of
 * its own whose parameters are the things the fragment uses.
 */
package dev.weft.snippets;
