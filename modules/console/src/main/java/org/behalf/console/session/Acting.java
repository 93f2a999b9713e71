package org.behalf.console.session;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * "Work as <client>": the delegate's console session acts for a holder through a delegation token
 * (DESIGN.md section 5, token exchange), so every action is the delegate's, checked against the
 * grant and recorded in the holder's activity log. The token itself is held with the console's
 * other tokens ({@link ConsoleRegistrations#ACTING}), exchanged again when it runs out.
 *
 * @param grantId        the grant acted under
 * @param holderId       whose account
 * @param holderName     the holder's display name, for the banner
 * @param scopes         what the grant allows
 * @param grantExpiresAt when the grant ends
 * @param limits         every limit of the grant in plain words, for the banner (issue 18)
 */
public record Acting(String grantId, String holderId, String holderName, List<String> scopes, Instant grantExpiresAt,
                     List<String> limits) implements Serializable {
}
