package org.behalf.console.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.ConsoleSettings;
import org.behalf.console.calls.Loopback;
import org.behalf.console.calls.Refusal;
import org.behalf.identity.api.ConsoleClient;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.TokenExchangeOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientTokenExchangeTokenResponseClient;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The console's tokens, obtained and renewed by Spring Security's client: the member's own
 * (authorization code, then refresh; rotated refresh tokens, RFC 6749 section 6), the delegation
 * token while acting (RFC 8693 with a grant as the subject, DESIGN.md section 5), and the console's
 * own (client credentials), each asked of the token endpoint over loopback. A token is renewed a
 * little before it runs out, so that it lasts through the call it is for.
 *
 * <p>Failures are said the console's way: without a working token of their own the member signs
 * in again ({@link SignInNeeded}); a refused exchange or client-credentials request is the
 * authorization server's refusal in its own words ({@link Refusal}).
 */
@Component("consoleAuthorizedClients")
public class ConsoleAuthorizedClients implements OAuth2AuthorizedClientManager {

    /** A token that will not last through a request of a few seconds is renewed first. */
    private static final Duration EARLY = Duration.ofSeconds(20);
    private static final String GRANT = ConsoleAuthorizedClients.class.getName() + ".grant";
    /** The subject token type Behalf's token endpoint exchanges (DelegationExchangeConverter). */
    private static final String GRANT_TOKEN_TYPE = "urn:behalf:params:oauth:token-type:grant";

    private final RestClient tokenEndpoint;
    private final DefaultOAuth2AuthorizedClientManager members;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager console;

    ConsoleAuthorizedClients(ConsoleRegistrations registrations, SessionTokens tokens, ConsoleSettings settings, Clock clock) {
        this.tokenEndpoint = Loopback.tokenEndpoint(settings);
        RestClientRefreshTokenTokenResponseClient refresh = new RestClientRefreshTokenTokenResponseClient();
        refresh.setRestClient(tokenEndpoint);
        RestClientTokenExchangeTokenResponseClient exchange = new RestClientTokenExchangeTokenResponseClient();
        exchange.setRestClient(tokenEndpoint);
        // The subject is a grant, not a token (DESIGN.md section 5); the actor is the member's own access token.
        exchange.setParametersCustomizer(parameters -> parameters.set(OAuth2ParameterNames.SUBJECT_TOKEN_TYPE, GRANT_TOKEN_TYPE));
        TokenExchangeOAuth2AuthorizedClientProvider acting = new TokenExchangeOAuth2AuthorizedClientProvider();
        acting.setAccessTokenResponseClient(exchange);
        acting.setSubjectTokenResolver(context -> context.getAttribute(GRANT) instanceof String grantId ? new Grant(grantId) : null);
        acting.setActorTokenResolver(context -> authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(ConsoleRegistrations.MEMBER).principal(context.getPrincipal()).build()).getAccessToken());
        acting.setClockSkew(EARLY);
        acting.setClock(clock);

        members = new DefaultOAuth2AuthorizedClientManager(registrations, tokens);
        members.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(renewal -> renewal.accessTokenResponseClient(refresh).clockSkew(EARLY).clock(clock))
                .provider(acting)
                .build());
        // Only the grant acted under goes with a token request. Spring Security's default would take
        // a "scope" parameter from the browser's request (the Apps form has one) and ask a refresh for it.
        members.setContextAttributesMapper(request -> ConsoleRegistrations.ACTING.equals(request.getClientRegistrationId())
                ? actingUnder() : Map.of());

        RestClientClientCredentialsTokenResponseClient credentials = new RestClientClientCredentialsTokenResponseClient();
        credentials.setRestClient(tokenEndpoint);
        console = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
        console.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(own -> own.accessTokenResponseClient(credentials).clockSkew(EARLY).clock(clock)).build());
    }

    @Override
    public OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest request) {
        String registration = request.getClientRegistrationId();
        try {
            if (ConsoleRegistrations.CONSOLE.equals(registration)) {
                // One token for the whole console, whoever's page asks for it.
                return console.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registration)
                        .principal(ConsoleClient.ID).build());
            }
            return members.authorize(request);
        } catch (OAuth2AuthorizationException refused) {
            if (ConsoleRegistrations.MEMBER.equals(registration)) {
                // No tokens, or a refresh refused (expired, revoked, the session ended elsewhere).
                throw new SignInNeeded();
            }
            throw refusal(refused.getError());
        }
    }

    /** The code redemption at the console's callback, over the same loopback client. */
    public OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> codeRedemption() {
        RestClientAuthorizationCodeTokenResponseClient redemption = new RestClientAuthorizationCodeTokenResponseClient();
        redemption.setRestClient(tokenEndpoint);
        return redemption;
    }

    /** The loopback client of the token endpoint, for revocation. */
    RestClient tokenEndpoint() {
        return tokenEndpoint;
    }

    private static Map<String, Object> actingUnder() {
        HttpServletRequest browser = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        Acting acting = ConsoleSession.of(browser).acting();
        return acting == null ? Map.of() : Map.of(GRANT, acting.grantId());
    }

    /** The authorization server's words (RFC 6749 section 5.2 {@code error_description}), or that it did not answer. */
    static Refusal refusal(OAuth2Error error) {
        if ("invalid_token_response".equals(error.getErrorCode())) {
            // Spring Security's code for an answer it could not read, or none at all.
            return Refusal.unavailable("The sign-in service did not answer; try again.");
        }
        return new Refusal(400, error.getDescription() != null ? error.getDescription() : error.getErrorCode());
    }

    /** The grant acted under, sent as the exchange's subject token. */
    private record Grant(String id) implements OAuth2Token {
        @Override
        public String getTokenValue() {
            return id;
        }
    }
}
