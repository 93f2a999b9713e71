package org.behalf.identity.api;

import java.util.Collection;

/**
 * Ending tokens an app holds, for the modules that know whose they are: the delegation module, when a
 * delegate withdraws their consent to an app, ends the delegation tokens the app got by exchanging
 * that delegate's token (RFC 8693), which carry the holders' accounts as their subject.
 */
public interface AppTokens {

    /**
     * Revokes every delegation token the client holds on these holders' accounts, in the caller's
     * transaction, so that every node refuses them from the next request (docs/security.md rule 44).
     */
    void revokeDelegationTokens(String clientId, Collection<String> holderIds);
}
