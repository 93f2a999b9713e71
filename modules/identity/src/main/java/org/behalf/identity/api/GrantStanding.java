package org.behalf.identity.api;

import java.util.Optional;
import java.util.Set;

/**
 * What the grant behind a delegation token allows now, asked by introspection (DESIGN.md section 2
 * rule 5: tokens never outlive their grant). A token's own state says only whether it was revoked;
 * a revoked or narrowed grant leaves its tokens unrevoked, refused by the API's check of the grant
 * on each request, so introspection asks the same. Contributed by the delegation module.
 */
public interface GrantStanding {

    /**
     * The scopes the grant gives its delegate now, or empty when it gives nothing (revoked, expired,
     * resigned, unknown, or not between this holder and delegate).
     */
    Optional<Set<String>> scopesNow(String grantId, String holderId, String delegateId);
}
