package org.behalf.delegation.api;

import java.util.List;

import org.behalf.audit.api.ActivityEvent;

/**
 * Undoes a recorded change (issue 18, "undo a helper's change"), done by the module that owns the
 * data, inside the caller's transaction: each field goes back to its recorded {@code before} only
 * if it still holds the recorded {@code after}.
 */
public interface ChangeUndo {

    /** Whether entries of this activity action are changes this can undo. */
    boolean handles(String action);

    /**
     * Restores the recorded values and answers what changed now ({@code before} = the value
     * replaced, {@code after} = the value restored).
     *
     * @throws org.behalf.kernel.InvalidRequest a conflict naming, in plain words, what no
     *         longer holds the recorded value, or why this change cannot be undone
     */
    List<ActivityEvent.Change> undo(String account, String action, ActivityEvent.Target target, List<ActivityEvent.Change> changes);
}
