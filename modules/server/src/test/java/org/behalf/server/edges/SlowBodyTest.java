package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/security.md rule 36: nothing a caller controls holds the grant's lock. A delegate who sends
 * a change one byte at a time holds no database connection and no lock while doing so: the holder's
 * revocation meanwhile answers at once, and the change, once whole, is refused and recorded.
 */
class SlowBodyTest extends ServerTest {

    @Test
    void aRevocationAnswersWhileADelegateTricklesABodyAndTheChangeIsThenRefused() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "slowhold");
        Member helper = Members.create(baseUrl(), "slowhelp");
        String grant = Delegations.activeGrant(http, holder, helper, List.of("profile:read", "profile:write"));
        String token = Delegations.delegationToken(http, grant, helper);
        byte[] body = "{\"headline\":\"written slowly\"}".getBytes(StandardCharsets.UTF_8);

        try (RawHttp slow = RawHttp.open(port, "PATCH", "/api/v1/profile", ("Authorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\n").getBytes(StandardCharsets.ISO_8859_1), body.length)) {
            for (int i = 0; i < 4; i++) {
                slow.write(new byte[] {body[i]});
                Thread.sleep(250);
            }
            // The revocation runs while the change is still arriving; it must not wait for it.
            CompletableFuture<Http.Response> revoke = CompletableFuture.supplyAsync(
                    () -> http.post("/api/v1/delegations/" + grant + "/revoke", holder.accessToken(), null));
            Http.Response revoked = revoke.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

            slow.write(java.util.Arrays.copyOfRange(body, 4, body.length));
            RawHttp.Response change = slow.response();
            assertThat(change.status()).as(change.toString()).isIn(401, 403);
        }
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString())
                .isNotEqualTo("written slowly");
        JsonNode last = http.get("/api/v1/activity?limit=5", holder.accessToken()).json().path("items").get(0);
        assertThat(last.path("outcome").asString()).as(last.toString()).isEqualTo("denied");
    }

    /** A client that sent its body whole keeps its connection after a refusal, as HTTP/1.1 keeps it. */
    @Test
    void aRequestRefusedWithItsBodyWholeKeepsTheConnection() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String body = "{\"a\":1}";
            socket.getOutputStream().write(("POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body
                    + "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answers).startsWith("HTTP/1.1 401").contains("\"error\":\"invalid_client\"", "HTTP/1.1 200");
        }
    }
}
