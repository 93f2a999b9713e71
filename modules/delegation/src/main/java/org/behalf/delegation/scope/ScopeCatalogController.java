package org.behalf.delegation.scope;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.behalf.delegation.api.Scope;
import org.behalf.kernel.ResourceAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/scopes}: the catalog with delegable flags and reasons, for anyone. */
@RestController
class ScopeCatalogController {

    private static final Map<String, List<ScopeView>> CATALOG = Map.of("items",
            Arrays.stream(Scope.values()).map(ScopeView::of).toList());

    @GetMapping("/api/v1/scopes")
    @ResourceAccess(scope = ResourceAccess.PUBLIC, delegates = true, action = "scopes.read")
    Map<String, List<ScopeView>> catalog() {
        return CATALOG;
    }

    /** {@code writes}: whether the scope changes anything, so whether it can be marked for review. */
    record ScopeView(String name, String description, boolean delegable, boolean sensitive, boolean writes,
                     @Nullable String whyNotDelegable) {
        static ScopeView of(Scope scope) {
            return new ScopeView(scope.value(), scope.description(), scope.delegable(), scope.sensitive(), scope.writes(),
                    scope.whyNotDelegable());
        }
    }
}
