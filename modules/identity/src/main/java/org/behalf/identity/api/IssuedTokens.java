package org.behalf.identity.api;

import java.util.List;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Storing access tokens issued together: the delegation module issues a batch of one grant's token
 * exchanges (RFC 8693) while it holds the grant's lock, where every statement is a round trip each
 * exchange of that grant waits for.
 */
public interface IssuedTokens {

    /**
     * Stores newly issued access tokens that stand alone (no refresh token, code or ID token), in one
     * statement of the caller's transaction, as saving each would.
     */
    void storeIssued(List<OAuth2Authorization> issued);
}
