package org.behalf.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import net.minidev.json.JSONObject;
import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Signed introspection answers (RFC 9701), checked the way a resource server would: the JWT's
 * signature against the published {@code /oauth2/jwks} with Nimbus, its type, issuer, audience
 * and time, then its {@code token_introspection} read as an RFC 7662 answer by Nimbus's model.
 */
class SignedIntrospectionTest extends ServerTest {

    private static final String SIGNED = "application/token-introspection+jwt";

    @Test
    void aDelegationTokenIntrospectsAsASignedJwtWithActAndGrantIdAndPlainJsonStaysTheDefault() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "sihold");
        Member delegate = Members.create(baseUrl(), "sidel");
        JsonNode app = app(delegate, List.of("profile:read", "delegation:act"),
                List.of("authorization_code", "urn:ietf:params:oauth:grant-type:token-exchange"));
        String grantId = Delegations.activeGrant(http, holder, delegate, List.of("profile:read"));
        String actor = Members.appTokens(baseUrl(), app, "https://app.example/cb", delegate, "profile:read delegation:act")
                .path("access_token").asString();
        Http.Response exchanged = http.form("/oauth2/token", Members.ordered("grant_type", Delegations.EXCHANGE,
                "subject_token", grantId, "subject_token_type", Delegations.GRANT_TYPE,
                "actor_token", actor, "actor_token_type", Delegations.ACCESS_TOKEN_TYPE), basic(app));
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        String delegationToken = exchanged.json().path("access_token").asString();

        JWTClaimsSet answer = signedIntrospection(http, app, delegationToken);
        TokenIntrospectionSuccessResponse introspection = TokenIntrospectionSuccessResponse.parse(
                new JSONObject(answer.getJSONObjectClaim("token_introspection")));
        assertThat(introspection.isActive()).isTrue();
        assertThat(introspection.getSubject().getValue()).isEqualTo(holder.id());
        assertThat(introspection.getClientID().getValue()).isEqualTo(app.path("clientId").asString());
        assertThat(introspection.getScope().toStringList()).containsExactly("profile:read");
        assertThat(introspection.getJSONObjectParameter("act")).isEqualTo(Map.of("sub", delegate.id()));
        assertThat(introspection.getStringParameter("grant_id")).isEqualTo(grantId);

        // Without the Accept header, the same answer as plain JSON (RFC 7662), act and grant_id included.
        Http.Response plain = http.form("/oauth2/introspect", Members.ordered("token", delegationToken), basic(app));
        assertThat(plain.header("Content-Type")).startsWith("application/json");
        assertThat(plain.json().path("act").path("sub").asString()).isEqualTo(delegate.id());
        assertThat(plain.json().path("grant_id").asString()).isEqualTo(grantId);
        assertThat(plain.json().path("active").asBoolean()).isTrue();
    }

    @Test
    void anAppTokenAndAnInactiveTokenIntrospectSignedToo() throws Exception {
        Http http = new Http(baseUrl());
        Member integrator = Members.create(baseUrl(), "siapp");
        JsonNode app = app(integrator, List.of("profile:read"), List.of("client_credentials"));
        String token = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                basic(app)).json().path("access_token").asString();

        JWTClaimsSet active = signedIntrospection(http, app, token);
        TokenIntrospectionSuccessResponse appToken = TokenIntrospectionSuccessResponse.parse(
                new JSONObject(active.getJSONObjectClaim("token_introspection")));
        assertThat(appToken.isActive()).isTrue();
        assertThat(appToken.getClientID().getValue()).isEqualTo(app.path("clientId").asString());
        assertThat(appToken.getParameters()).doesNotContainKeys("act", "grant_id");

        assertThat(http.form("/oauth2/revoke", Members.ordered("token", token), basic(app)).status()).isEqualTo(200);
        JWTClaimsSet inactive = signedIntrospection(http, app, token);
        assertThat(inactive.getJSONObjectClaim("token_introspection")).isEqualTo(Map.of("active", false));
        // Another client's question about this token is answered as inactive and signed for that client only.
        JsonNode other = app(integrator, List.of("profile:read"), List.of("client_credentials"));
        String live = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                basic(app)).json().path("access_token").asString();
        assertThat(signedIntrospection(http, other, live).getJSONObjectClaim("token_introspection")).isEqualTo(Map.of("active", false));
    }

    /** Asks for the JWT, and verifies it as RFC 9701 section 5 says a resource server must; answers its claims. */
    private JWTClaimsSet signedIntrospection(Http http, JsonNode client, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/oauth2/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", SIGNED)
                .header("Authorization", "Basic " + basic(client))
                .POST(HttpRequest.BodyPublishers.ofString(Http.encode(Members.ordered("token", token)))).build();
        Http.Response answer = http.send(request);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith(SIGNED);

        JWKSet keys = JWKSet.parse(http.get("/oauth2/jwks", null).body());
        String issuer = http.get("/.well-known/oauth-authorization-server", null).json().path("issuer").asString();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("token-introspection+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(client.path("clientId").asString(),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("iat", "token_introspection")));
        return processor.process(answer.body(), null);
    }

    private JsonNode app(Member owner, List<String> scopes, List<String> grantTypes) {
        Http.Response created = new Http(baseUrl()).post("/api/v1/clients", owner.accessToken(), Map.of("name", "Introspecting app",
                "scopes", scopes, "grantTypes", grantTypes,
                "redirectUris", grantTypes.contains("authorization_code") ? List.of("https://app.example/cb") : List.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static String basic(JsonNode client) {
        return Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":" + client.path("clientSecret").asString())
                .getBytes(StandardCharsets.UTF_8));
    }
}
