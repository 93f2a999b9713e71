package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests that must be refused, and recorded as refused, where they were let through: a revoked helper's
 * {@code OPTIONS}, an {@code Accept} that refuses the one type the API answers in, a page cursor tampered with
 * (black-box findings 16, 18 and 20, 2026-12-07).
 */
class PreciseRefusalsTest extends ServerTest {

    /** SECURITY-CASES 5 and 31: after the revocation, nothing of the grant reads as allowed in the holder's log. */
    @Test
    void aRevokedHelpersOptionsIsRefusedAndRecordedAsDenied() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "optrevhold");
        Member helper = Members.create(baseUrl(), "optrevhelp");
        String grant = Delegations.activeGrant(http, holder, helper, List.of("profile:read"));
        String token = Delegations.delegationToken(http, grant, helper);
        assertThat(options(http, token).status()).as("while the grant is active").isEqualTo(200);
        assertThat(http.post("/api/v1/delegations/" + grant + "/revoke", holder.accessToken(), null).status()).isEqualTo(200);

        Http.Response refused = options(http, token);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().path("detail").asString()).isEqualTo("The grant is revoked.");
        JsonNode entry = RecordedRequests.entry(http, holder, refused.header("X-Request-Id"));
        assertThat(entry.path("action").asString() + " " + entry.path("outcome").asString()).isEqualTo("api.options denied");
    }

    private static Http.Response options(Http http, String token) {
        return http.send(http.request("/api/v1/profile", token).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }
}
