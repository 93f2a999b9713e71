package org.behalf.identity.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import net.minidev.json.JSONObject;
import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.SignedIntrospection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Signed introspection answers (RFC 9701), checked the way a resource server would: the JWT's
 * signature against the published {@code /oauth2/jwks} with Nimbus, its type, issuer, audience
 * and time, then its {@code token_introspection} read as an RFC 7662 answer by Nimbus's model.
 * A delegation token's answer ({@code act}, {@code grant_id}) needs a real grant and the token
 * exchange, so it is tested in {@code modules/server} ({@code org.behalf.server.identity.DelegationTokenIntrospectionTest}).
 */
class SignedIntrospectionTest extends IdentitySlice {

    @Test
    void anAppTokenAndAnInactiveTokenIntrospectSignedToo() throws Exception {
        Http http = new Http(baseUrl());
        Member integrator = Members.create(baseUrl(), "siapp");
        JsonNode app = app(integrator);
        String token = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                SignedIntrospection.basic(app)).json().path("access_token").asString();

        JWTClaimsSet active = SignedIntrospection.verified(http, app, token);
        TokenIntrospectionSuccessResponse appToken = TokenIntrospectionSuccessResponse.parse(
                new JSONObject(active.getJSONObjectClaim("token_introspection")));
        assertThat(appToken.isActive()).isTrue();
        assertThat(appToken.getClientID().getValue()).isEqualTo(app.path("clientId").asString());
        assertThat(appToken.getParameters()).doesNotContainKeys("act", "grant_id");

        assertThat(http.form("/oauth2/revoke", Members.ordered("token", token), SignedIntrospection.basic(app)).status()).isEqualTo(200);
        JWTClaimsSet inactive = SignedIntrospection.verified(http, app, token);
        assertThat(inactive.getJSONObjectClaim("token_introspection")).isEqualTo(Map.of("active", false));
        // Another client's question about this token is answered as inactive and signed for that client only.
        JsonNode other = app(integrator);
        String live = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                SignedIntrospection.basic(app)).json().path("access_token").asString();
        assertThat(SignedIntrospection.verified(http, other, live).getJSONObjectClaim("token_introspection")).isEqualTo(Map.of("active", false));
    }

    /** A confidential client of {@code owner} for {@code client_credentials} with {@code profile:read}. */
    private JsonNode app(Member owner) {
        Http.Response created = new Http(baseUrl()).post("/api/v1/clients", owner.accessToken(), Map.of("name", "Introspecting app",
                "scopes", List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }
}
