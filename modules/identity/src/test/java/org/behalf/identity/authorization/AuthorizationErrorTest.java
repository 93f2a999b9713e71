package org.behalf.identity.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;

/**
 * Error responses of the authorization endpoint: sent to the client, with {@code iss} (RFC 9207
 * section 2; SECURITY-CASES 18), only to a redirect URI the client registered (SECURITY-CASES 11).
 */
class AuthorizationErrorTest extends IdentitySlice {

    private static final String CALLBACK = "http://127.0.0.1:45678/callback";

    @Test
    void anErrorGoesBackToTheRegisteredRedirectWithStateAndIss() {
        Http.Response answer = authorizeWithScope(CALLBACK, "profile:read no-such:scope");

        assertThat(answer.status()).isEqualTo(302);
        String location = answer.header("Location");
        assertThat(location).startsWith(CALLBACK + "?error=invalid_scope").contains("state=st-42")
                .contains("iss=" + java.net.URLEncoder.encode(baseUrl(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Test
    void anErrorWithAnUnregisteredRedirectIsAPageHereNeverARedirect() {
        Http.Response answer = authorizeWithScope("https://attacker.example/callback", "no-such:scope");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Location")).isNull();
    }

    /**
     * RFC 6749 sections 3.3 and 4.1.2.1, OpenID Connect Core section 6.1: what the server does not do
     * is refused to the client, with state and iss, in plain words (docs/security.md rule 39), not
     * taken as a plain code request; and only once the redirect URI matched (black-box findings).
     */
    @Test
    void whatIsNotOfferedIsRefusedToTheClientInPlainWords() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("scope=", "invalid_scope");
        refusals.put("response_type=token", "unsupported_response_type");
        refusals.put("response_mode=fragment", "invalid_request");
        refusals.put("response_mode=form_post", "invalid_request");
        refusals.put("response_mode=query.jwt", "invalid_request");
        refusals.put("request=eyJhbGciOiJub25lIn0.eyJzY29wZSI6InByb2ZpbGU6cmVhZCJ9.", "request_not_supported");
        refusals.put("request_uri=urn:ietf:params:oauth:request_uri:abc", "request_uri_not_supported");
        refusals.put("code_challenge=", "invalid_request");
        refusals.put("code_challenge_method=plain", "invalid_request");
        refusals.put("scope=profile:read no-such:scope", "invalid_scope");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Http.Response answer = authorize(CALLBACK, refusal.getKey());
            String location = answer.header("Location");
            assertThat(location).as(refusal.getKey() + " " + answer).startsWith(CALLBACK + "?error=" + refusal.getValue() + "&")
                    .contains("state=st-42", "iss=", "error_description=").doesNotContain("code=", "error_uri", "Parameter");

            // Elsewhere, a page here (or first the sign-in page, for a request_uri), never the other address.
            Http.Response elsewhere = authorize("https://attacker.example/callback", refusal.getKey());
            assertThat(String.valueOf(elsewhere.header("Location"))).as(refusal.getKey() + " " + elsewhere).doesNotContain("attacker");
            assertThat(elsewhere.status()).as(refusal.getKey()).isEqualTo(elsewhere.header("Location") == null ? 400 : 302);
        }
        assertThat(java.net.URLDecoder.decode(authorize(CALLBACK, "code_challenge=").header("Location"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("PKCE is required");
    }

    /** The request with one parameter set to a value ("name=value"), or left out ("name="). */
    private Http.Response authorize(String redirect, String change) {
        Map<String, String> query = Members.ordered("response_type", "code", "client_id", Members.CLI, "redirect_uri", redirect,
                "scope", "profile:read", "state", "st-42", "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "code_challenge_method", "S256");
        String name = change.substring(0, change.indexOf('='));
        String value = change.substring(name.length() + 1);
        if (value.isEmpty()) {
            query.remove(name);
        } else {
            query.put(name, value);
        }
        return new Http(baseUrl()).get("/oauth2/authorize?" + Http.encode(query), null);
    }

    private Http.Response authorizeWithScope(String redirect, String scope) {
        return new Http(baseUrl()).get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
                "client_id", Members.CLI, "redirect_uri", redirect, "scope", scope, "state", "st-42",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256")), null);
    }
}
