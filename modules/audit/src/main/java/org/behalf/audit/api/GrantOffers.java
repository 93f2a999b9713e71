package org.behalf.audit.api;

/**
 * Who has been offered a grant by whom, as far as the activity log needs it: a helper reads their
 * own entries in a holder's log only if that holder ever offered them a grant (issue 18, "helpers
 * kept in the loop"). Grants are the delegation module's, which implements this; the log asks
 * through this interface because audit may not use delegation (DESIGN.md section 3).
 */
public interface GrantOffers {

    /** Whether {@code holder} ever offered {@code helper} a grant, in any state (pending, active, ended). */
    boolean everOffered(String holder, String helper);
}
