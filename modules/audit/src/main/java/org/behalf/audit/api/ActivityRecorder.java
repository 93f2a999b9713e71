package org.behalf.audit.api;

/**
 * Appends to an account's activity log inside the caller's database transaction (DESIGN.md
 * section 2 rule 6): the entry commits or rolls back with the action it describes.
 * Implementations require an active transaction and refuse to run without one.
 */
public interface ActivityRecorder {

    /** Appends one entry at the account's next sequence number and answers its stored form. */
    ActivityEntry record(ActivityEvent event);
}
