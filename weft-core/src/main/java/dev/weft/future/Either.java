package dev.weft.future;

/**
 * The result of {@link Futures#either}: the value of whichever of two futures completed first.
 *
 * {@snippet :
 * switch (Futures.blockOn(Futures.either(readLine(), shutdownSignal()))) {
 *     case Either.Left<String, Void> line -> handle(line.value());
 *     case Either.Right<String, Void> stop -> System.out.println("stopping");
 * }
 * }
 *
 * @param <A> the type of the first future's value
 * @param <B> the type of the second future's value
 */
public sealed interface Either<A, B> permits Either.Left, Either.Right {

    /**
     * The first future won.
     *
     * {@snippet :
     * if (e instanceof Either.Left<String, Integer> l) System.out.println(l.value());
     * }
     *
     * @param value its value
     * @param <A> the type of the first future's value
     * @param <B> the type of the second future's value
     */
    record Left<A, B>(A value) implements Either<A, B> {
    }

    /**
     * The second future won.
     *
     * {@snippet :
     * if (e instanceof Either.Right<String, Integer> r) System.out.println(r.value());
     * }
     *
     * @param value its value
     * @param <A> the type of the first future's value
     * @param <B> the type of the second future's value
     */
    record Right<A, B>(B value) implements Either<A, B> {
    }
}
