package org.behalf.identity.api;

import java.util.List;

/**
 * The scope catalog as the authorization server needs it (consent page, client registration);
 * the delegation module owns the catalog and provides this view of it (DESIGN.md section 4).
 */
public interface ScopeCatalog {

    /** Every scope a member can consent to, in catalog order. */
    List<String> memberScopes();

    /** The plain-words description of a scope, or the scope itself if unknown. */
    String describe(String scope);

    /**
     * Scopes only first-party clients may carry: {@code delegation:manage}, {@code account:manage},
     * {@code clients:manage} (DESIGN.md section 4).
     */
    boolean firstPartyOnly(String scope);

    boolean known(String scope);

    /** Whether a holder may grant the scope to a delegate (DESIGN.md section 4: not on the never-delegable list). */
    boolean delegable(String scope);
}
