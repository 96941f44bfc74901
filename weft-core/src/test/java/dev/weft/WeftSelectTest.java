package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Selected;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Weft#select} is fair, {@link Weft#selectBiased} polls in argument order. */
class WeftSelectTest {

    @Test
    void selectIsFairAndSelectBiasedTakesTheFirstReadyArgument() throws Exception {
        int[] wins = new int[2];
        for (int i = 0; i < 2_000; i++) {
            wins[Futures.blockOn(Weft.select(Futures.ready("a"), Futures.ready("b"))).index()]++;
            Selected<String> biased = Futures.blockOn(Weft.selectBiased(Futures.ready("a"), Futures.ready("b")));
            assertEquals(new Selected<>(0, "a"), biased);
        }
        // a fair coin 2,000 times: fewer than 700 on one side has a chance below 1e-40
        assertTrue(wins[0] >= 700 && wins[1] >= 700, Arrays.toString(wins));
        assertEquals(new Selected<>(1, "b"), Futures.blockOn(Weft.selectBiased(Futures.pending(), Futures.ready("b"))));
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Weft.select((Future<String>[]) null))
                .getMessage().startsWith("futures"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Weft.selectBiased((Future<String>[]) null))
                .getMessage().startsWith("futures"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Weft.selectBiased(Futures.ready(1), null))
                .getMessage().startsWith("futures[1]"));
        assertThrows(IllegalArgumentException.class, () -> Weft.<String>selectBiased());
    }
}
