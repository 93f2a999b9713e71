package org.behalf.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import net.minidev.json.JSONObject;
import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.SignedIntrospection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Signed introspection answers (RFC 9701), checked the way a resource server would: the JWT's
 * signature against the published {@code /oauth2/jwks} with Nimbus, its type, issuer, audience
 * and time, then its {@code token_introspection} read as an RFC 7662 answer by Nimbus's model,
 * for a delegation token: that needs a real grant (delegation module) and the token exchange, so it
 * is tested here. An app's token and an inactive one are identity's own
 * ({@code org.behalf.identity.tokens.SignedIntrospectionTest}).
 */
class DelegationTokenIntrospectionTest extends ServerTest {

    @Test
    void aDelegationTokenIntrospectsAsASignedJwtWithActAndGrantIdAndPlainJsonStaysTheDefault() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "sihold");
        Member delegate = Members.create(baseUrl(), "sidel");
        Http.Response registered = http.post("/api/v1/clients", delegate.accessToken(), Map.of("name", "Introspecting app",
                "scopes", List.of("profile:read", "delegation:act"), "grantTypes", List.of("authorization_code", Delegations.EXCHANGE),
                "redirectUris", List.of("https://app.example/cb")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        JsonNode app = registered.json();
        String grantId = Delegations.activeGrant(http, holder, delegate, List.of("profile:read"));
        String actor = Members.appTokens(baseUrl(), app, "https://app.example/cb", delegate, "profile:read delegation:act")
                .path("access_token").asString();
        Http.Response exchanged = http.form("/oauth2/token", Members.ordered("grant_type", Delegations.EXCHANGE,
                "subject_token", grantId, "subject_token_type", Delegations.GRANT_TYPE,
                "actor_token", actor, "actor_token_type", Delegations.ACCESS_TOKEN_TYPE), SignedIntrospection.basic(app));
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        String delegationToken = exchanged.json().path("access_token").asString();

        JWTClaimsSet answer = SignedIntrospection.verified(http, app, delegationToken);
        TokenIntrospectionSuccessResponse introspection = TokenIntrospectionSuccessResponse.parse(
                new JSONObject(answer.getJSONObjectClaim("token_introspection")));
        assertThat(introspection.isActive()).isTrue();
        assertThat(introspection.getSubject().getValue()).isEqualTo(holder.id());
        assertThat(introspection.getClientID().getValue()).isEqualTo(app.path("clientId").asString());
        assertThat(introspection.getScope().toStringList()).containsExactly("profile:read");
        assertThat(introspection.getJSONObjectParameter("act")).isEqualTo(Map.of("sub", delegate.id()));
        assertThat(introspection.getStringParameter("grant_id")).isEqualTo(grantId);

        // Without the Accept header, the same answer as plain JSON (RFC 7662), act and grant_id included.
        Http.Response plain = http.form("/oauth2/introspect", Members.ordered("token", delegationToken), SignedIntrospection.basic(app));
        assertThat(plain.header("Content-Type")).startsWith("application/json");
        assertThat(plain.json().path("act").path("sub").asString()).isEqualTo(delegate.id());
        assertThat(plain.json().path("grant_id").asString()).isEqualTo(grantId);
        assertThat(plain.json().path("active").asBoolean()).isTrue();
    }

    /**
     * DESIGN.md section 2 rule 5 at introspection: a narrowed grant's token introspects with the scopes
     * the grant still gives, a revoked grant's as inactive, signed or not; and an ID token is never an
     * active token (docs/oauth.md). Each was answered active, as before the change (black-box finding,
     * 2026-12-07), while the API already refused the token.
     */
    @Test
    void aDelegationTokenIntrospectsAsItsGrantStandsNowAndAnIdTokenNeverAsActive() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "sinhold");
        Member delegate = Members.create(baseUrl(), "sindel");
        JsonNode app = http.post("/api/v1/clients", delegate.accessToken(), Map.of("name", "Introspecting app",
                "scopes", List.of("openid", "profile:read", "profile:write", "delegation:act"),
                "grantTypes", List.of("authorization_code", Delegations.EXCHANGE), "redirectUris", List.of("https://app.example/cb"))).json();
        String grantId = Delegations.activeGrant(http, holder, delegate, List.of("profile:read", "profile:write"));
        JsonNode signedIn = Members.appTokens(baseUrl(), app, "https://app.example/cb", delegate, "openid profile:read delegation:act");
        Http.Response exchanged = http.form("/oauth2/token", Members.ordered("grant_type", Delegations.EXCHANGE,
                "subject_token", grantId, "subject_token_type", Delegations.GRANT_TYPE,
                "actor_token", signedIn.path("access_token").asString(), "actor_token_type", Delegations.ACCESS_TOKEN_TYPE),
                SignedIntrospection.basic(app));
        assertThat(exchanged.status()).as(exchanged + " " + signedIn).isEqualTo(200);
        String token = exchanged.json().path("access_token").asString();
        assertThat(introspect(http, app, token).path("scope").asString().split(" ")).containsExactlyInAnyOrder("profile:read", "profile:write");

        Http.Response narrowed = http.patch("/api/v1/delegations/" + grantId, holder.accessToken(), Map.of("scopes", List.of("profile:read")));
        assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
        assertThat(introspect(http, app, token).path("scope").asString()).isEqualTo("profile:read");

        assertThat(http.post("/api/v1/delegations/" + grantId + "/revoke", holder.accessToken(), null).status()).isEqualTo(200);
        assertThat(introspect(http, app, token).path("active").asBoolean()).isFalse();
        assertThat(TokenIntrospectionSuccessResponse.parse(new JSONObject(SignedIntrospection.verified(http, app, token)
                .getJSONObjectClaim("token_introspection"))).isActive()).isFalse();
        assertThat(http.get("/api/v1/profile", token).status()).isEqualTo(403);

        JsonNode idToken = introspect(http, app, signedIn.path("id_token").asString());
        assertThat(idToken.path("active").asBoolean()).as(idToken.toString()).isFalse();
        assertThat(introspect(http, app, signedIn.path("access_token").asString()).path("active").asBoolean()).isTrue();
    }

    private static JsonNode introspect(Http http, JsonNode app, String token) {
        Http.Response answer = http.form("/oauth2/introspect", Members.ordered("token", token), SignedIntrospection.basic(app));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }
}
