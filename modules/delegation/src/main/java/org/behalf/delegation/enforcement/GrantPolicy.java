package org.behalf.delegation.enforcement;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.Scope;
import org.behalf.delegation.grant.GrantLimits;
import org.behalf.delegation.grant.GrantRepository;
import org.behalf.kernel.Caller;
import org.springframework.stereotype.Component;

/**
 * Checks a delegated request against its grant, inside the request's transaction and under the
 * grant's row lock (DESIGN.md section 2 rule 5; SECURITY-CASES 5–7, 10): a revocation or a
 * narrowing committed before this request is seen, one committed after waits for it.
 */
@Component
class GrantPolicy {

    private static final Duration ACTIVITY_RESOLUTION = Duration.ofMinutes(1);

    private final GrantRepository grants;

    GrantPolicy(GrantRepository grants) {
        this.grants = grants;
    }

    /**
     * The decision on one delegated request: refused (with why), or allowed (the quota unit taken),
     * and then whether the holder marked the scope for review (read from the same locked row).
     */
    record Decision(String refusal, boolean underReview) {

        static Decision refused(String why) {
            return new Decision(why, false);
        }

        boolean allowed() {
            return refusal == null;
        }
    }

    Decision check(Caller delegate, String scope, String address, Instant now) {
        GrantLimits grant = grants.lockLimits(delegate.grantId())
                .filter(g -> g.holderId().equals(delegate.subject()) && g.delegateId() != null
                        && g.delegateId().equals(delegate.actor()))
                .orElse(null);
        if (grant == null) {
            return Decision.refused("The grant of this token does not exist.");
        }
        GrantStatus status = grant.statusAt(now);
        if (status != GrantStatus.ACTIVE) {
            return Decision.refused("The grant is " + status.value() + ".");
        }
        if (scope != null && !grant.scopes().contains(scope)) {
            // In the catalog's words, as the quota's refusal below (docs/api.md: no scope names shown to people).
            return Decision.refused("The grant no longer includes " + Scope.quoted(scope) + ".");
        }
        String outside = grant.hoursAndAddresses().refusal(now, address).orElse(null);
        if (outside != null) {
            return Decision.refused(outside);
        }
        Integer quota = scope == null ? null : grant.quotas().get(scope);
        if (quota != null) {
            LocalDate day = now.atZone(grant.timeZone()).toLocalDate();
            if (grants.used(delegate.grantId(), scope, day) >= quota) {
                return Decision.refused("The daily quota is used up: at most " + quota + " a day for " + Scope.quoted(scope)
                        + " (" + day + ", " + grant.timeZone().getId() + " time); it starts again at midnight there.");
            }
            grants.use(delegate.grantId(), scope, day);
        }
        // Last activity is shown to the minute: one write per grant per minute, not per request.
        if (grant.lastActivityAt() == null || grant.lastActivityAt().isBefore(now.minus(ACTIVITY_RESOLUTION))) {
            grants.touch(delegate.grantId(), now);
        }
        return new Decision(null, scope != null && grant.review().contains(scope));
    }
}
