package org.behalf.identity.resource;


import org.behalf.kernel.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A verified access token, read as the {@link Caller} it speaks for. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Jwt jwt;

    CallerAuthentication(Caller caller, Jwt jwt) {
        super(caller.scopes().stream().map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
        this.caller = caller;
        this.jwt = jwt;
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return jwt;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.subject();
    }

}
