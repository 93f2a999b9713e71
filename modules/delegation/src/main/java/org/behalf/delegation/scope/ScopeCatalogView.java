package org.behalf.delegation.scope;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.behalf.delegation.api.Scope;
import org.behalf.identity.api.ScopeCatalog;
import org.springframework.stereotype.Component;

/** The catalog of DESIGN.md section 4, as the authorization server asks about it. */
@Component
class ScopeCatalogView implements ScopeCatalog {

    private static final Set<Scope> FIRST_PARTY_ONLY = Set.of(Scope.DELEGATION_MANAGE, Scope.ACCOUNT_MANAGE, Scope.CLIENTS_MANAGE);

    @Override
    public List<String> memberScopes() {
        return Arrays.stream(Scope.values()).map(Scope::value).toList();
    }

    @Override
    public String describe(String scope) {
        return Scope.of(scope).map(Scope::description).orElse(scope);
    }

    @Override
    public boolean firstPartyOnly(String scope) {
        return Scope.of(scope).map(FIRST_PARTY_ONLY::contains).orElse(false);
    }

    @Override
    public boolean delegable(String scope) {
        return Scope.of(scope).map(Scope::delegable).orElse(false);
    }

    @Override
    public boolean known(String scope) {
        return Scope.of(scope).isPresent();
    }
}
