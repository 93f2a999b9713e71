package org.behalf.delegation.grant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/delegations} and, all fields optional, of {@code PATCH}
 * (DESIGN.md section 6). Unknown fields are refused (SECURITY-CASES 21). {@code otp} is the holder's
 * current one-time code, needed to create or widen a grant when two-step sign-in is on (issue 3).
 */
public record GrantRequest(String delegate, List<String> scopes, Instant expiresAt, List<String> review, String note,
                    String terms, Map<String, Integer> quotas, WindowRequest window, String timeZone,
                    List<String> ipRanges, String otp) {

    public record WindowRequest(List<String> days, String start, String end) {
    }
}
