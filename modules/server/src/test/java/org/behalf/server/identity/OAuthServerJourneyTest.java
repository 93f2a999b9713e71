package org.behalf.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The authorization server's rules that only the whole application shows: a client-credentials
 * token is refused on a member endpoint by the resource API's enforcement (delegation module), and
 * the refusal and each sign-in are read back through the activity API (audit module). The
 * authorization server's own rules are tested in identity ({@code org.behalf.identity.authorization.OAuthServerTest}).
 */
class OAuthServerJourneyTest extends ServerTest {

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(baseUrl());
    }

    @Test
    void eachSignInIsInTheMembersOwnLog() {
        Member member = Members.create(baseUrl(), "oidc");
        Members.browser(baseUrl(), member.handle(), member.password());

        JsonNode signIns = http.get("/api/v1/activity?action=account.sign_in", member.accessToken()).json().path("items");
        assertThat(signIns.size()).as("each sign-in is in the member's own log").isEqualTo(2);
        assertThat(signIns.get(0).path("actor").path("kind").asString()).isEqualTo("holder");
    }

    @Test
    void clientCredentialsWorkButAClientTokenIsRefusedOnMemberEndpoints() {
        Member integrator = Members.create(baseUrl(), "integ");
        JsonNode client = registerClient(integrator);
        assertThat(client.path("clientId").asString()).startsWith("cli_");

        Http.Response token = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                basic(client));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        String clientToken = token.json().path("access_token").asString();
        assertThat(Members.claims(clientToken).path("sub").asString()).isEqualTo(client.path("clientId").asString());

        Http.Response member = http.get("/api/v1/profile", clientToken);
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.json().path("type").asString()).endsWith("client-token");
        // Recorded where someone can see it: the log of the member who registered the client.
        JsonNode refusal = http.get("/api/v1/activity?action=profile.read", integrator.accessToken()).json().path("items").get(0);
        assertThat(refusal.path("outcome").asString()).isEqualTo("denied");
        assertThat(refusal.path("actor").path("kind").asString()).isEqualTo("app");
        assertThat(refusal.path("actor").path("id").asString()).isEqualTo(client.path("clientId").asString());
        Http.Response wrongSecret = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials"),
                Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":wrong").getBytes(StandardCharsets.UTF_8)));
        assertThat(wrongSecret.status()).isEqualTo(401);
    }

    @Test
    void deletingAClientRevokesTheTokensItHolds() {
        Member integrator = Members.create(baseUrl(), "deleter");
        JsonNode client = registerClient(integrator);
        String token = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials"), basic(client)).json()
                .path("access_token").asString();
        assertThat(http.get("/api/v1/profile", token).status()).as("a valid client token, on a member endpoint").isEqualTo(403);

        assertThat(http.delete("/api/v1/clients/" + client.path("clientId").asString(), integrator.accessToken()).status())
                .isEqualTo(204);

        assertThat(http.get("/api/v1/profile", token).status()).as("the token of a deleted client").isEqualTo(401);
        assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials"), basic(client)).status())
                .isEqualTo(401);
    }

    /** A confidential client of {@code owner} for {@code client_credentials} with {@code profile:read}. */
    private JsonNode registerClient(Member owner) {
        Http.Response created = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", "Test app",
                "scopes", List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static String basic(JsonNode client) {
        return Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":" + client.path("clientSecret").asString())
                .getBytes(StandardCharsets.UTF_8));
    }
}
