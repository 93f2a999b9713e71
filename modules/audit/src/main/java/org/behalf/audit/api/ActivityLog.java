package org.behalf.audit.api;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading an account's activity log, its export, checkpoints and the keys that sign them (DESIGN.md section 7). */
public interface ActivityLog {

    /**
     * Filters of the holder's list; null means any. {@code actor} is the actor's id, {@code action}
     * an exact action name, {@code outcome} success, denied or error.
     */
    record Filter(String actor, String action, String outcome, Instant from, Instant to) {
    }

    /** Entries as stored (canonical JSON), newest first; {@code nextBeforeSeq} continues the list, or null at its end. */
    record Page(List<String> entries, Long nextBeforeSeq) {
    }

    Page list(String account, Filter filter, Long beforeSeq, int limit);

    /** One entry of the account's log, as stored (canonical JSON); empty if the account has no entry with this id. */
    Optional<String> entry(String account, String entryId);

    /** Writes entries {@code fromSeq}..{@code toSeq} (inclusive; null for the end) as JSON Lines, ascending. */
    void export(String account, long fromSeq, Long toSeq, Writer out) throws IOException;

    /** The newest signed checkpoint of the account's log, making one first if entries are not covered yet. */
    Optional<String> latestCheckpoint(String account);

    Optional<String> checkpoint(String account, long size);

    /** Signs a checkpoint of the log as it is now (on demand); empty for an empty log. */
    Optional<String> checkpointNow(String account);

    /**
     * Whether this entry is stored: after a commit whose answer was lost (the connection dropped),
     * it tells whether the transaction that wrote it committed.
     */
    boolean contains(String account, long seq, String entryId);

    /** The published verifier keys, newest first, retired ones included. */
    List<String> publicKeys();
}
