package org.behalf.server.edges;

import org.behalf.testing.Http;
import org.behalf.testing.Members.Member;
import tools.jackson.databind.JsonNode;

/** The activity entry of one request, found by the {@code X-Request-Id} its answer carried, as the holder reads it. */
public final class RecordedRequests {

    private RecordedRequests() {
    }

    /** The entry among the account's newest twenty whose request id is {@code requestId}; fails the test when none is. */
    public static JsonNode entry(Http http, Member account, String requestId) {
        Http.Response page = http.get("/api/v1/activity?limit=20", account.accessToken());
        for (JsonNode entry : page.json().path("items")) {
            if (requestId.equals(entry.path("requestId").asString())) {
                return entry;
            }
        }
        throw new AssertionError("no entry for request " + requestId + " in " + page);
    }
}
