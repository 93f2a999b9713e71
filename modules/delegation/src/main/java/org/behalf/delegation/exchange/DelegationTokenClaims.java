package org.behalf.delegation.exchange;

import java.util.List;
import java.util.Map;

import org.behalf.identity.api.AccessTokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * Writes what makes a delegation token (DESIGN.md section 5, RFC 8693 section 4.1): {@code act}
 * naming the delegate, {@code grant_id}, an expiry that never passes the grant's, and the audience
 * of the resource asked for (RFC 8707).
 */
@Component
class DelegationTokenClaims implements AccessTokenCustomizer {

    @Override
    public void customize(JwtEncodingContext context) {
        if (!(context.getAuthorizationGrant() instanceof DelegationExchangeRequest request) || request.approved() == null) {
            return;
        }
        DelegationExchangeRequest.Approved approved = request.approved();
        context.getClaims()
                .subject(approved.holderId())
                // A mutable map: the authorization store reads back only allow-listed types.
                .claim("act", new java.util.HashMap<>(Map.of("sub", approved.delegateId())))
                .claim("grant_id", approved.grantId())
                .expiresAt(approved.expiresAt());
        if (approved.audience() != null) {
            // RFC 8707 section 2: bound to the one resource asked for (the MCP server), so that the
            // API refuses it (identity's token check).
            context.getClaims().audience(new java.util.ArrayList<>(List.of(approved.audience())));
        }
    }
}
