package org.behalf.delegation.grant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/delegations} and, all fields optional, of {@code PATCH}
 * (DESIGN.md section 6). Unknown fields are refused (SECURITY-CASES 21).
 */
public record GrantRequest(String delegate, List<String> scopes, Instant expiresAt, List<String> review, String note,
                    String terms, Map<String, Integer> quotas, WindowRequest window, String timeZone,
                    List<String> ipRanges) {

    public record WindowRequest(List<String> days, String start, String end) {
    }
}
