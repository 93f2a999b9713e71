package org.behalf.audit.api;

import java.util.List;

/**
 * Appends to an account's activity log inside the caller's database transaction (DESIGN.md
 * section 2 rule 6): the entry commits or rolls back with the action it describes.
 * Implementations require an active transaction and refuse to run without one.
 */
public interface ActivityRecorder {

    /** Appends one entry at the account's next sequence number and answers its stored form. */
    ActivityEntry record(ActivityEvent event);

    /**
     * Appends entries to one account's log, in their order, at its next sequence numbers, and
     * answers their stored forms; for many actions of one transaction at once.
     */
    default List<ActivityEntry> recordAll(List<ActivityEvent> events) {
        return events.stream().map(this::record).toList();
    }
}
