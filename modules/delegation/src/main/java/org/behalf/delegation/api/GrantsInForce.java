package org.behalf.delegation.api;

import java.util.Set;

import org.behalf.kernel.Caller;

/**
 * What a delegation token's grant allows now, for what is offered rather than done: the tools an
 * AI assistant is shown (SECURITY-CASES 43). A token keeps the scopes it was issued with until it
 * expires; the grant behind it may since have been narrowed or ended (DESIGN.md section 2 rule 5).
 * Acting is checked by the enforcement, under the grant's lock, never by this.
 */
public interface GrantsInForce {

    /**
     * The scopes both the token and its grant allow now, to a request from this address: none once
     * the grant is no longer active, if it is not the grant of this holder and delegate, or outside
     * its hours or address ranges ({@link HoursAndAddresses}, the rule the enforcement applies).
     */
    Set<String> scopes(Caller delegated, String address);
}
