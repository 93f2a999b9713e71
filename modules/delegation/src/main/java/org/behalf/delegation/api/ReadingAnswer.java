package org.behalf.delegation.api;

/**
 * The answer to a change that also tells what the change found stored, which is no record with an id: a contacts
 * import's report says which rows were already in the address book. To a caller whose token may make the change but
 * not read what it changes, the enforcement answers {@link #withoutReading()} instead (DESIGN.md section 4, reading
 * and changing are separate scopes; docs/security.md rule 5): a helper with {@code contacts:write} alone learnt
 * whether an e-mail address was in the holder's address book from an import's report (black-box finding, 2026-12-07).
 */
public interface ReadingAnswer {

    /** What the change did, in what depends on the request alone: nothing of what was stored before it. */
    Object withoutReading();
}
