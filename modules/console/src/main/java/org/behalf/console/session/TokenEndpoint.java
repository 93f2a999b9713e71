package org.behalf.console.session;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.behalf.console.calls.ConsoleSettings;
import org.behalf.console.calls.Loopback;
import org.behalf.console.calls.Refusal;
import org.behalf.identity.api.ConsoleClient;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console as an OAuth client of its own server: the authorization code with PKCE, refresh
 * (rotated, RFC 6749 section 6), the delegation token exchange (RFC 8693, DESIGN.md section 5) and
 * revocation (RFC 7009), authenticated with the console's client secret (HTTP Basic).
 */
@Component("consoleTokenEndpoint")
class TokenEndpoint {

    static final String GRANT_TOKEN_TYPE = "urn:behalf:params:oauth:token-type:grant";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final ConsoleClient client;
    private final Clock clock;
    private final RestClient http;
    private final JsonMapper json;

    TokenEndpoint(ConsoleClient client, Clock clock, ConsoleSettings settings, JsonMapper json) {
        this.http = Loopback.client(settings);
        this.json = json;
        this.client = client;
        this.clock = clock;
    }

    String clientId() {
        return client.clientId();
    }

    Tokens redeem(Loopback server, String code, String verifier, String redirectUri) {
        return tokens(post(server, "/oauth2/token", form("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "code_verifier", verifier)), null);
    }

    Tokens refresh(Loopback server, Tokens current) {
        return tokens(post(server, "/oauth2/token", form("grant_type", "refresh_token",
                "refresh_token", current.refreshToken())), current.refreshToken());
    }

    /** A delegation token for this grant, the member's own access token being the actor token. */
    Tokens actFor(Loopback server, String grantId, Tokens actor) {
        return tokens(post(server, "/oauth2/token", form("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", grantId, "subject_token_type", GRANT_TOKEN_TYPE,
                "actor_token", actor.accessToken(), "actor_token_type", ACCESS_TOKEN_TYPE)), null);
    }

    /** The console's own token, acting for no member (sign-up). */
    Tokens clientCredentials(Loopback server) {
        return tokens(post(server, "/oauth2/token", form("grant_type", "client_credentials")), null);
    }

    void revoke(Loopback server, String token, String hint) {
        try {
            post(server, "/oauth2/revoke", form("token", token, "token_type_hint", hint));
        } catch (Refusal alreadyGone) {
            // RFC 7009 section 2.2: an invalid token is not an error for the one revoking it.
        }
    }

    private Tokens tokens(JsonNode answer, String previousRefresh) {
        String refresh = answer.path("refresh_token").asString(null);
        return new Tokens(answer.path("access_token").asString(), refresh == null ? previousRefresh : refresh,
                clock.instant().plusSeconds(answer.path("expires_in").asLong(60)), answer.path("scope").asString(""));
    }

    private JsonNode post(Loopback server, String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(client.secret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        Answer response;
        try {
            // An error answer (RFC 6749 section 5.2) is read, not thrown: its description is what the page shows.
            response = http.post().uri(URI.create(server.baseUrl() + path))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.APPLICATION_JSON)
                    .header("Authorization", "Basic " + basic)
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .exchange((request, answer) -> new Answer(answer.getStatusCode().value(),
                            new String(answer.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            throw new Refusal(503, "The sign-in service did not answer; try again.");
        }
        JsonNode answer = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        if (response.status() >= 400) {
            String why = answer.path("error_description").asString(answer.path("error").asString("refused"));
            throw new Refusal(response.status(), why);
        }
        return answer;
    }

    /** What the token endpoint answered, refusals included. */
    private record Answer(int status, String body) {
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }
}
