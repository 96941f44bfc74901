package dev.weft.future.internal;

/** Rethrows a failure as it is, checked or not, so {@code await()} never wraps it. */
public final class Sneaky {
    private Sneaky() {
    }

    /**
     * Throws {@code t} unchanged. Declared to return an exception so callers can write
     * {@code throw Sneaky.rethrow(t)} and keep the compiler's flow analysis.
     *
     * @param t the failure
     * @return never returns
     */
    public static RuntimeException rethrow(Throwable t) {
        throw Sneaky.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E doThrow(Throwable t) throws E {
        throw (E) t;
    }
}
