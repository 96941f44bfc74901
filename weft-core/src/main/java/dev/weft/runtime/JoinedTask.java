package dev.weft.runtime;

import dev.weft.future.Outcome;
import dev.weft.future.internal.Args;

/**
 * A task that a {@link JoinSet} joined, with which task it was: its id, its name, and how it
 * ended. Given by {@link JoinSet#joinNextWithId()} (Tokio's {@code join_next_with_id}).
 *
 * {@snippet class=dev.weft.snippets.JoinSetSnippets region=join-next-with-id}
 *
 * @param id the task's {@linkplain JoinHandle#id() id}
 * @param name the task's {@linkplain JoinHandle#name() name}: the one given to
 *        {@code spawn(name, ...)}, or {@code task-<id>}
 * @param outcome its value or failure (an aborted task: {@link JoinError})
 * @param <T> the type of the task's value
 */
public record JoinedTask<T>(long id, String name, Outcome<T> outcome) {
    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code name} or {@code outcome} is null
     */
    public JoinedTask {
        Args.notNull(name, "name");
        Args.notNull(outcome, "outcome");
    }
}
