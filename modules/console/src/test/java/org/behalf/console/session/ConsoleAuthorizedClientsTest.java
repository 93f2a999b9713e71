package org.behalf.console.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.behalf.console.calls.ConsoleSettings;
import org.behalf.console.calls.Refusal;
import org.behalf.identity.api.ConsoleClient;
import org.behalf.identity.api.ScopeCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the console asks of the token endpoint, as it arrives there: a stand-in endpoint on
 * loopback records each form. The journeys in modules/server prove that sign-in, acting and
 * sign-out work against the real server; these are the requests a journey cannot provoke on
 * demand (a refresh needs a token about to run out) and what must never be in them.
 */
class ConsoleAuthorizedClientsTest {

    private static final Authentication MEMBER = UsernamePasswordAuthenticationToken.authenticated("mem_1", null, List.of());

    private final AtomicReference<Map<String, String>> sent = new AtomicReference<>();
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private HttpServer tokenEndpoint;
    private ConsoleRegistrations registrations;
    private SessionTokens tokens;
    private ConsoleAuthorizedClients clients;
    private MockHttpServletRequest browser;

    @BeforeEach
    void tokenEndpoint() throws IOException {
        tokenEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenEndpoint.createContext("/oauth2/token", exchange -> {
            sent.set(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokenEndpoint.start();
        registrations = new ConsoleRegistrations(new ConsoleClient(ConsoleClient.ID, "console-secret"), catalog());
        registrations.listening(tokenEndpoint.getAddress().getPort());
        tokens = new SessionTokens(registrations);
        clients = new ConsoleAuthorizedClients(registrations, tokens, new ConsoleSettings(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Clock.systemUTC());
        browser = new MockHttpServletRequest("POST", "/console/apps");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(browser, new MockHttpServletResponse()));
    }

    @AfterEach
    void stop() {
        RequestContextHolder.resetRequestAttributes();
        tokenEndpoint.stop(0);
    }

    @Test
    void aRefreshDuringAFormWithAScopeFieldAsksForTheMembersWholeScopeAndKeepsTheNewTokens() {
        // The Apps form posts "scope" (the new app's permissions); Spring Security's default would
        // have asked the refresh for exactly those, narrowing the member's own token to them.
        browser.addParameter("scope", "profile:read");
        hold(ConsoleRegistrations.MEMBER, "old-access", Instant.now().plusSeconds(5), "old-refresh");
        answer.set("{\"access_token\":\"new-access\",\"token_type\":\"Bearer\",\"expires_in\":600,\"refresh_token\":\"new-refresh\"}");

        OAuth2AuthorizedClient renewed = clients.authorize(request(ConsoleRegistrations.MEMBER));

        assertThat(sent.get()).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "old-refresh")
                .doesNotContainKey("scope");
        assertThat(renewed.getAccessToken().getTokenValue()).isEqualTo("new-access");
        ConsoleSession.Held held = ConsoleSession.of(browser).held(ConsoleRegistrations.MEMBER);
        assertThat(held.accessToken().getTokenValue()).isEqualTo("new-access");
        assertThat(held.refreshToken().getTokenValue()).as("rotated").isEqualTo("new-refresh");
    }

    @Test
    void actingExchangesTheGrantWithTheMembersTokenAsActorAndARefusalIsSaidInTheServersWords() {
        hold(ConsoleRegistrations.MEMBER, "own-access", Instant.now().plusSeconds(600), "own-refresh");
        ConsoleSession.of(browser).startActing(new Acting("grant_1", "mem_2", "Hana", List.of("profile:read"),
                Instant.now().plusSeconds(86400), List.of()));
        answer.set("{\"access_token\":\"delegation\",\"token_type\":\"Bearer\",\"expires_in\":600,"
                + "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}");

        assertThat(clients.authorize(request(ConsoleRegistrations.ACTING)).getAccessToken().getTokenValue()).isEqualTo("delegation");
        assertThat(sent.get()).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .containsEntry("subject_token", "grant_1")
                .containsEntry("subject_token_type", "urn:behalf:params:oauth:token-type:grant")
                .containsEntry("actor_token", "own-access")
                .containsEntry("actor_token_type", "urn:ietf:params:oauth:token-type:access_token")
                .doesNotContainKey("scope");

        // Acting under another grant never reuses the first one's token; the server refuses this one.
        ConsoleSession.of(browser).startActing(new Acting("grant_2", "mem_3", "Rita", List.of("profile:read"),
                Instant.now().plusSeconds(86400), List.of()));
        status.set(400);
        answer.set("{\"error\":\"invalid_grant\",\"error_description\":\"the grant is not active for this actor\"}");
        assertThatThrownBy(() -> clients.authorize(request(ConsoleRegistrations.ACTING))).isInstanceOf(Refusal.class)
                .hasMessage("the grant is not active for this actor");
        assertThat(sent.get()).containsEntry("subject_token", "grant_2");
    }

    @Test
    void tokensAreGivenBackOnlyForTheMemberTheyWereObtainedFor() {
        hold(ConsoleRegistrations.MEMBER, "own-access", Instant.now().plusSeconds(600), "own-refresh");
        Authentication someoneElse = UsernamePasswordAuthenticationToken.authenticated("mem_9", null, List.of());

        assertThatThrownBy(() -> clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(ConsoleRegistrations.MEMBER)
                .principal(someoneElse).build())).isInstanceOf(SignInNeeded.class);
        assertThat(sent.get()).as("nothing asked of the token endpoint").isNull();
    }

    private void hold(String registration, String access, Instant expiresAt, String refresh) {
        tokens.saveAuthorizedClient(new OAuth2AuthorizedClient(registrations.findByRegistrationId(registration), MEMBER.getName(),
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, expiresAt.minusSeconds(600), expiresAt),
                new OAuth2RefreshToken(refresh, Instant.now())), MEMBER, browser, new MockHttpServletResponse());
    }

    private static OAuth2AuthorizeRequest request(String registration) {
        return OAuth2AuthorizeRequest.withClientRegistrationId(registration).principal(MEMBER).build();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private static ScopeCatalog catalog() {
        return new ScopeCatalog() {
            @Override
            public List<String> memberScopes() {
                return List.of("profile:read", "profile:write", "delegation:act");
            }

            @Override
            public String describe(String scope) {
                return scope;
            }

            @Override
            public boolean firstPartyOnly(String scope) {
                return false;
            }

            @Override
            public boolean known(String scope) {
                return true;
            }

            @Override
            public boolean delegable(String scope) {
                return scope.startsWith("profile:");
            }
        };
    }
}
