package org.behalf.audit.api;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

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

    /**
     * A page of the list: entries whose own fields match the filter, older than the entry {@code beforeSeq} names (a
     * previous page's {@code nextBeforeSeq}); {@link org.behalf.kernel.InvalidRequest} naming {@code cursor} when the
     * log has no entry of that number, which no page gives.
     */
    Page list(String account, Filter filter, Long beforeSeq, int limit);

    /**
     * The server's own check of the log as stored (the console's badge): the chain by the offline verifier's rules
     * against the newest signed checkpoint, and each entry against the columns beside it that the list's filters
     * search (docs/activity-log.md, "Verifying").
     */
    Verification verify(String account);

    /**
     * What {@link #verify} found. {@code state}: {@code verified} (every entry up to {@code entries} is intact and filed
     * as it says, and a checkpoint signs the first {@code signedUpTo}), {@code broken} (from entry {@code seq} on, for
     * the reason {@code problem}, in the verifier's words {@code why}) or {@code unchecked} (nothing to check, or too
     * much to check here: {@code why}). {@code problem}: {@code changed} (the entry, or one before it, was edited,
     * removed or reordered), {@code cut-off} (entries a checkpoint signed after {@code seq - 1} are gone),
     * {@code checkpoint} (the checkpoint itself does not verify) or {@code misfiled} (the entry is intact, but a column
     * the filters search says something else, so a filter finds it where it does not belong or misses it).
     */
    @Schema(description = "The server's check of the activity log as stored (docs/activity-log.md, \"Verifying\").")
    record Verification(
            @Schema(allowableValues = {"verified", "broken", "unchecked"}) String state,
            @Schema(description = "How many entries the log holds.") long entries,
            @Schema(description = "The size of the newest signed checkpoint.") long signedUpTo,
            @Schema(description = "The first entry that does not verify.") @Nullable Long seq,
            @Schema(allowableValues = {"changed", "cut-off", "checkpoint", "misfiled"}) @Nullable String problem,
            @Schema(description = "Why, in the verifier's words; or why nothing was checked.") @Nullable String why) {

        public static final String VERIFIED = "verified";
        public static final String BROKEN = "broken";
        public static final String UNCHECKED = "unchecked";
    }

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
