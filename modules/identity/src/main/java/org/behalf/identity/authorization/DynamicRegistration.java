package org.behalf.identity.authorization;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.api.ScopeCatalog;
import org.behalf.identity.clients.AppNames;
import org.behalf.identity.clients.RedirectUris;
import org.behalf.kernel.ClientAddress;
import org.behalf.kernel.TextField;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponseType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * RFC 7591 dynamic client registration ({@code POST /oauth2/register}, Spring Authorization
 * Server's endpoint, open: no initial access token) for the MCP clients of AI assistants (DESIGN.md
 * section 6, "AI assistants"; MCP specification, "Authorization", Dynamic Client Registration). A
 * client registered this way can do one thing: sign an agent (or any member) in and exchange that
 * member's grant for a delegation token. So, beyond Spring's own checks (docs/security.md rule 43):
 * <ul>
 * <li>public clients only ({@code token_endpoint_auth_method} {@code none}), with PKCE S256 required
 * (OAuth 2.1 section 7.5.1; RFC 8252 section 8.1): a desktop assistant cannot keep a secret;</li>
 * <li>grant types {@code authorization_code}, the token exchange and {@code refresh_token} only,
 * response type {@code code} only;</li>
 * <li>redirect URIs exact, https, or http on a loopback address (RFC 8252 sections 7.3 and 8.3), at
 * most {@value #MAX_REDIRECTS}, of at most {@value RedirectUris#MAX_LENGTH} characters in all;</li>
 * <li>scopes: {@code delegation:act}, {@code openid} and the delegable scopes only (never the
 * never-delegable ones, DESIGN.md section 4); stored are {@code delegation:act}, the delegable scopes
 * asked (and {@code openid} when asked). A client that asked for no delegable scope (an MCP client
 * asks for {@code delegation:act} alone, the MCP server's {@code scopes_supported}) is given every
 * delegable scope: a client's scopes bound what a delegation token it exchanges may carry
 * (requested ∩ grant ∩ client), so with {@code delegation:act} alone it could exchange nothing,
 * and the holder's grant is what limits the assistant;</li>
 * <li>consent is asked on every first sign-in, so the member sees the client's self-chosen name
 * next to what it gets;</li>
 * <li>every registration recorded with its address and user agent ({@code identity_dynamic_client}),
 * and limited per address ({@link RegistrationLimit}).</li>
 * </ul>
 * Client ids start with {@code dyn_}, so that a self-registered client is told apart from an
 * integrator's {@code cli_} and never passes for a member (SECURITY-CASES 19).
 */
final class DynamicRegistration {

    static final String PATH = "/oauth2/register";
    /** How a self-registered client's id begins, and so how the consent page tells one ({@link ConsentPage}). */
    static final String ID_PREFIX = "dyn_";
    private static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.TOKEN_EXCHANGE.getValue());
    private static final int MAX_REDIRECTS = 10;
    static final String REDIRECTS = "redirect_uris is a list of 1 to " + MAX_REDIRECTS
            + " redirect URIs, each https, or http on 127.0.0.1 or [::1], without fragment, at most " + RedirectUris.MAX_LENGTH
            + " characters in all.";
    private static final int MAX_NAME = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DynamicRegistration() {
    }

    /**
     * Spring's checks of the redirect URIs and JWK Set URL, then ours; each refusal is RFC 7591
     * section 3.2.2's error. Spring's scope check, which refuses every scope asked for, is replaced
     * by ours: MCP clients name the scope they will ask for (the {@code scopes_supported} of the
     * MCP server's metadata), which is allowed when it is {@code delegation:act}.
     */
    static Consumer<OAuth2ClientRegistrationAuthenticationContext> validator(ScopeCatalog catalog) {
        Consumer<OAuth2ClientRegistrationAuthenticationContext> defaults = OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
                .andThen(OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR);
        return context -> {
            defaults.accept(context);
            OAuth2ClientRegistrationAuthenticationToken token = context.getAuthentication();
            OAuth2ClientRegistration request = token.getClientRegistration();
            String method = request.getTokenEndpointAuthenticationMethod();
            if (method != null && !ClientAuthenticationMethod.NONE.getValue().equals(method)) {
                throw invalid("invalid_client_metadata", "Only public clients register here: token_endpoint_auth_method is none, with PKCE.");
            }
            if (request.getGrantTypes() != null && !GRANT_TYPES.containsAll(request.getGrantTypes())) {
                throw invalid("invalid_client_metadata", "grant_types are authorization_code, refresh_token and "
                        + AuthorizationGrantType.TOKEN_EXCHANGE.getValue() + ".");
            }
            // RFC 7591 section 2.1: grant types and response types agree; a client without the code grant could never get
            // the first token its refresh or exchange needs, and was registered all the same (black-box finding F10).
            if (request.getGrantTypes() != null && !request.getGrantTypes().isEmpty()
                    && !request.getGrantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())) {
                throw invalid("invalid_client_metadata", "grant_types includes authorization_code: a client registered here first "
                        + "signs a person in, and refresh_token and the token exchange need that first token.");
            }
            // RFC 7591 section 2: "The jwks_uri and jwks parameters MUST NOT both be present in the same request."
            if (request.getJwkSetUrl() != null && request.getClaims().containsKey("jwks")) {
                throw invalid("invalid_client_metadata", "Send jwks_uri or jwks, not both (RFC 7591 section 2).");
            }
            if (request.getResponseTypes() != null
                    && !List.of(OAuth2AuthorizationResponseType.CODE.getValue()).containsAll(request.getResponseTypes())) {
                throw invalid("invalid_client_metadata", "response_types is code.");
            }
            List<String> redirects = request.getRedirectUris();
            if (redirects == null || redirects.isEmpty() || redirects.size() > MAX_REDIRECTS) {
                throw invalid("invalid_redirect_uri", REDIRECTS);
            }
            redirects.forEach(DynamicRegistration::checkRedirect);
            String tooLong = RedirectUris.whyTooLong(redirects);
            if (tooLong != null) {
                throw invalid("invalid_redirect_uri", tooLong);
            }
            if (request.getScopes() != null && !request.getScopes().stream()
                    .allMatch(scope -> AgentSignIn.AGENT_SCOPES.contains(scope) || catalog.delegable(scope))) {
                throw invalid("invalid_client_metadata", "A registered client is given delegation:act, openid and the delegable scopes only.");
            }
            String name = request.getClientName();
            if (name != null && TextField.length(name) > MAX_NAME) {
                throw invalid("invalid_client_metadata", "client_name has at most " + MAX_NAME + " printable characters.");
            }
            String notAName = name == null ? null : TextField.whyNotAName(name);
            if (notAName == null && name != null) {
                notAName = AppNames.whyNotAnAppName(name);
            }
            if (notAName != null) {
                // Shown to members on the consent page, as any app's name (TextField.checkName).
                throw invalid("invalid_client_metadata", "client_name: " + notAName);
            }
        };
    }

    /** The client as stored, whatever else the request said; and the registration recorded. */
    static Converter<OAuth2ClientRegistration, RegisteredClient> converter(ScopeCatalog catalog, TokenSettings tokens,
                                                                          DynamicClients recorded, Clock clock) {
        return request -> {
            String clientId = ID_PREFIX + random();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String name = request.getClientName() == null || request.getClientName().isBlank() ? "MCP client" : request.getClientName().strip();
            Set<String> scopes = new LinkedHashSet<>(List.of("delegation:act"));
            List<String> asked = request.getScopes() == null ? List.of() : List.copyOf(request.getScopes());
            List<String> delegable = asked.stream().filter(catalog::delegable).toList();
            if (delegable.isEmpty()) {
                // Only delegation:act asked (what MCP clients ask, the MCP server's scopes_supported): the
                // scopes a delegation token may carry are then the grant's, so the client holds them all.
                catalog.memberScopes().stream().filter(catalog::delegable).forEach(scopes::add);
            } else {
                // A client that named delegable scopes is held to them (RFC 7591 section 2: what it asked).
                scopes.addAll(delegable);
            }
            if (asked.contains(OidcScopes.OPENID)) {
                scopes.add(OidcScopes.OPENID);
            }
            List<String> grants = request.getGrantTypes() == null || request.getGrantTypes().isEmpty()
                    ? List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(), AuthorizationGrantType.TOKEN_EXCHANGE.getValue())
                    : request.getGrantTypes();
            RegisteredClient.Builder client = RegisteredClient.withId(clientId).clientId(clientId).clientName(name)
                    .clientIdIssuedAt(now)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .redirectUris(uris -> uris.addAll(request.getRedirectUris()))
                    .scopes(s -> s.addAll(scopes))
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
                    .tokenSettings(tokens);
            grants.forEach(grant -> client.authorizationGrantType(new AuthorizationGrantType(grant)));
            HttpServletRequest http = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
            String agent = http.getHeader("User-Agent");
            recorded.insert(new DynamicClient(clientId, name, ClientAddress.of(http),
                    agent == null ? null : agent.substring(0, Math.min(agent.length(), 255)), now));
            return client.build();
        };
    }

    private static void checkRedirect(String uri) {
        if (!RedirectUris.acceptable(uri)) {
            throw invalid("invalid_redirect_uri", REDIRECTS);
        }
    }

    private static OAuth2AuthenticationException invalid(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }

    private static String random() {
        byte[] value = new byte[16];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value).replace('-', 'a').replace('_', 'b');
    }
}
