package org.behalf.identity.api;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A further grant type for the token endpoint, contributed by another module (the delegation
 * module's RFC 8693 token exchange). The authorization server puts every such bean's converter
 * and provider in front of its own.
 */
public interface TokenGrantExtension {

    AuthenticationConverter converter();

    AuthenticationProvider provider();
}
