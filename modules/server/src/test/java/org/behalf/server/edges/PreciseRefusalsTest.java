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

    /**
     * RFC 9110 section 12.5.1: the most specific range decides, so {@code application/json;q=0} refuses JSON even
     * beside {@code *}{@code /*}; the only type the API answers in is refused, so the answer is 406.
     */
    @Test
    void jsonRefusedWithAWeightOfZeroIsNotAnsweredThroughAWiderRange() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "qzero");
        for (String accept : List.of("application/json;q=0, */*", "*/*, application/json;q=0", "application/json;q=0, application/*")) {
            Http.Response answer = http.send(http.request("/api/v1/profile", holder.accessToken()).setHeader("Accept", accept).GET().build());
            assertThat(answer.status()).as(accept + ": " + answer).isEqualTo(406);
        }
        Http.Response specific = http.send(http.request("/api/v1/profile", holder.accessToken())
                .setHeader("Accept", "*/*;q=0, application/json").GET().build());
        assertThat(specific.status()).as("JSON named outright wins over a refused */*").isEqualTo(200);
        for (String accept : List.of("text/html;q=0, */*", "text/*;q=0, application/*")) {
            Http.Response other = http.send(http.request("/api/v1/profile", holder.accessToken()).setHeader("Accept", accept).GET().build());
            assertThat(other.status()).as(accept + ": another type refused leaves JSON acceptable").isEqualTo(200);
        }
    }

    /**
     * docs/api.md: a type weighted {@code q=0} is refused beside a wider range for every answer, not for JSON alone. The
     * export was answered in JSON Lines to {@code application/jsonl;q=0, *}{@code /*}, and the checkpoints and keys, which
     * are text, were refused to {@code application/json;q=0, *}{@code /*} (black-box finding, 2026-12-07).
     */
    @Test
    void anyTypeRefusedWithAWeightOfZeroIsRefusedBesideAWiderRangeAndNoOtherIs() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "qzeroall");
        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        for (String path : List.of("/api/v1/activity/export?from=1&to=1", "/api/v1/activity/checkpoints/latest", "/api/v1/activity/keys")) {
            for (String accept : List.of("application/jsonl;q=0, */*", "text/plain;q=0, */*", "application/json;q=0, */*")) {
                answers.put(path + " " + accept, http.send(http.request(path, holder.accessToken()).setHeader("Accept", accept).GET().build())
                        .status());
            }
        }
        assertThat(answers).containsExactly(
                Map.entry("/api/v1/activity/export?from=1&to=1 application/jsonl;q=0, */*", 406),
                Map.entry("/api/v1/activity/export?from=1&to=1 text/plain;q=0, */*", 200),
                Map.entry("/api/v1/activity/export?from=1&to=1 application/json;q=0, */*", 200),
                Map.entry("/api/v1/activity/checkpoints/latest application/jsonl;q=0, */*", 200),
                Map.entry("/api/v1/activity/checkpoints/latest text/plain;q=0, */*", 406),
                Map.entry("/api/v1/activity/checkpoints/latest application/json;q=0, */*", 200),
                Map.entry("/api/v1/activity/keys application/jsonl;q=0, */*", 200),
                Map.entry("/api/v1/activity/keys text/plain;q=0, */*", 406),
                Map.entry("/api/v1/activity/keys application/json;q=0, */*", 200));
    }

    /** SECURITY-CASES 24: a cursor is the {@code next} of a previous page, or refused like one that does not decode. */
    @Test
    void aCursorWhoseIdWasCutEmptiedOrReplacedIsRefused() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "curhold");
        for (int i = 0; i < 2; i++) {
            Member other = Members.create(baseUrl(), "curcon");
            String invitation = http.post("/api/v1/invitations", holder.accessToken(), Map.of("to", other.id())).json().path("id").asString();
            assertThat(http.post("/api/v1/invitations/" + invitation + "/accept", other.accessToken(), null).status()).isEqualTo(200);
        }
        // Connections page by time and id (messages and invitations by a number alone, which has no id to tamper with).
        String next = http.get("/api/v1/connections?limit=1", holder.accessToken()).json().path("next").asString();
        String time = next.substring(0, next.indexOf('.'));
        String id = next.substring(next.indexOf('.') + 1);
        assertThat(http.get("/api/v1/connections?limit=1&cursor=" + next, holder.accessToken()).status()).isEqualTo(200);

        for (String tampered : List.of(time + "." + id.substring(0, id.length() - 10), time + ".", time + ".AAAA")) {
            Http.Response refused = http.get("/api/v1/connections?limit=1&cursor=" + tampered, holder.accessToken());
            assertThat(refused.status()).as(tampered + ": " + refused).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo("cursor");
        }
    }

    private static Http.Response options(Http http, String token) {
        return http.send(http.request("/api/v1/profile", token).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }
}
