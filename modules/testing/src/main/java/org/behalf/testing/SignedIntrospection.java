package org.behalf.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
import tools.jackson.databind.JsonNode;

/**
 * A signed introspection answer (RFC 9701), asked for and checked the way a resource server would
 * (section 5), with Nimbus: the JWT's signature against the published {@code /oauth2/jwks}, its
 * type, the issuer the discovery document names, the asking client as audience, and its time. One
 * check for identity's tests (an app's token) and the server's (a delegation token).
 */
public final class SignedIntrospection {

    public static final String MEDIA_TYPE = "application/token-introspection+jwt";

    private SignedIntrospection() {
    }

    /** Asks {@code /oauth2/introspect} about {@code token} as {@code client} (its registration answer); answers the verified claims. */
    public static JWTClaimsSet verified(Http http, JsonNode client, String token) throws Exception {
        Http.Response answer = http.send(http.request("/oauth2/introspect", null)
                .header("Content-Type", "application/x-www-form-urlencoded").setHeader("Accept", MEDIA_TYPE)
                .header("Authorization", "Basic " + basic(client))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.encode(Members.ordered("token", token)))).build());
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(String.valueOf(answer.header("Content-Type")).startsWith(MEDIA_TYPE), answer.header("Content-Type"));

        JWKSet keys = JWKSet.parse(http.get("/oauth2/jwks", null).body());
        String issuer = http.get("/.well-known/oauth-authorization-server", null).json().path("issuer").asString();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("token-introspection+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(client.path("clientId").asString(),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("iat", "token_introspection")));
        return processor.process(answer.body(), null);
    }

    /** The HTTP Basic credentials of a registered client: its id and secret from the registration answer. */
    public static String basic(JsonNode client) {
        return Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":" + client.path("clientSecret").asString())
                .getBytes(StandardCharsets.UTF_8));
    }
}
