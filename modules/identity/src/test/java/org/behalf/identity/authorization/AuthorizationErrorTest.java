package org.behalf.identity.authorization;

import static org.assertj.core.api.Assertions.assertThat;

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
        Http.Response answer = authorize(CALLBACK, "profile:read no-such:scope");

        assertThat(answer.status()).isEqualTo(302);
        String location = answer.header("Location");
        assertThat(location).startsWith(CALLBACK + "?error=invalid_scope").contains("state=st-42")
                .contains("iss=" + java.net.URLEncoder.encode(baseUrl(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Test
    void anErrorWithAnUnregisteredRedirectIsAPageHereNeverARedirect() {
        Http.Response answer = authorize("https://attacker.example/callback", "no-such:scope");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Location")).isNull();
    }

    private Http.Response authorize(String redirect, String scope) {
        return new Http(baseUrl()).get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
                "client_id", Members.CLI, "redirect_uri", redirect, "scope", scope, "state", "st-42",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256")), null);
    }
}
