package dev.weft.runtime;

/**
 * Where coroutines run. Chosen once per JVM, when Weft first starts a coroutine.
 *
 * {@snippet :
 * if (Handle.current().coroutineMode() == CoroutineMode.JDK_SCHEDULER) {
 *     System.out.println("start the JVM with --add-opens java.base/java.lang=ALL-UNNAMED");
 * }
 * }
 */
public enum CoroutineMode {
    /**
     * Coroutines are virtual threads scheduled by the Weft runtime itself: on a current-thread
     * runtime they all run on its one thread. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}
     * (or {@code =dev.weft} on the module path).
     */
    WEFT_SCHEDULER,
    /**
     * Coroutines are virtual threads on the JDK's default scheduler; timers, channels and the
     * reactor are Weft's all the same, but a current-thread runtime cannot keep them on its thread.
     */
    JDK_SCHEDULER
}
