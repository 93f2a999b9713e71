package org.behalf.network.profile;

import java.util.List;

/**
 * The body of {@code PATCH /api/v1/profile}: any subset of the writable fields (DESIGN.md
 * section 6). An absent or null field is left as it is; an empty string or list clears it. Other
 * fields (id, handle, e-mail, ...) are refused as unknown (SECURITY-CASES 21).
 */
record ProfileChange(String headline, String summary, String location, List<Profile.Position> positions,
                     List<Profile.Education> education, List<String> skills, List<String> privateFields) {
}
