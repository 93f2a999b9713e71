package org.behalf.identity.api;

import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * Adds claims to access tokens being issued, e.g. {@code act} and {@code grant_id} of a delegation
 * token (RFC 8693 section 4.1). Every bean of this type is applied after the identity module's own
 * claims.
 */
public interface AccessTokenCustomizer {

    void customize(JwtEncodingContext context);
}
