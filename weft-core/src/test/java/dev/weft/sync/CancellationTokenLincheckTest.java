package dev.weft.sync;

import dev.weft.future.Poll;
import dev.weft.testkit.TestWaker;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link CancellationToken} against two flags: a parent and its child
 * (made before the test), cancelled from any thread, observed through {@code isCancelled}, a
 * fresh grandchild (which starts cancelled if the child is) and a first poll of a fresh
 * {@code cancelled()} future.
 *
 * <p>Bounded for time, this search rarely reaches the window inside {@code cancel()} between
 * marking the parent and marking the child (a wider search found it: an observer saw the parent
 * cancelled and then the child active); {@link CancellationTokenTest} pins that window down
 * deterministically.
 */
@Tag("lincheck")
public class CancellationTokenLincheckTest {
    private final CancellationToken parent = new CancellationToken();
    private final CancellationToken child = parent.child();
    private final TestWaker waker = new TestWaker();

    @Operation
    public void cancelParent() {
        parent.cancel();
    }

    @Operation
    public void cancelChild() {
        child.cancel();
    }

    @Operation
    public boolean parentCancelled() {
        return parent.isCancelled();
    }

    @Operation
    public boolean childCancelled() {
        return child.isCancelled();
    }

    /** @return whether a grandchild made now starts cancelled */
    @Operation
    public boolean newGrandchildCancelled() {
        return child.child().isCancelled();
    }

    /** @return whether a fresh {@code cancelled()} of the child is ready at its first poll */
    @Operation
    public boolean childCancelledReady() {
        CancellationToken.Cancelled f = child.cancelled();
        Poll<Void> p = f.poll(waker);
        if (p.isPending()) {
            f.cancel();
            return false;
        }
        return true;
    }

    /** The sequential specification. */
    public static final class Spec {
        private boolean parent;
        private boolean child;

        public void cancelParent() {
            parent = true;
            child = true;
        }

        public void cancelChild() {
            child = true;
        }

        public boolean parentCancelled() {
            return parent;
        }

        public boolean childCancelled() {
            return child;
        }

        public boolean newGrandchildCancelled() {
            return child;
        }

        public boolean childCancelledReady() {
            return child;
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .sequentialSpecification(Spec.class)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(1)
                .iterations(3)
                .invocationsPerIteration(20)
                .check(getClass());
    }
}
