package dev.weft.future;

/**
 * The result of {@link Futures#join2}: the values of both futures.
 *
 * {@snippet :
 * Both<User, List<Order>> b = Futures.blockOn(Futures.join2(loadUser(id), loadOrders(id)));
 * render(b.first(), b.second());
 * }
 *
 * @param first the value of the first future
 * @param second the value of the second future
 * @param <A> the type of the first value
 * @param <B> the type of the second value
 */
public record Both<A, B>(A first, B second) {
}
