package org.behalf.console.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.behalf.identity.api.ConsoleClient;
import org.behalf.identity.api.ScopeCatalog;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

/**
 * The console as a client of the authorization server of this very installation (DESIGN.md
 * section 5, "First-party clients"): one confidential client, {@code behalf-console}, registered
 * three times in Spring Security's terms, once per way it gets a token.
 *
 * <p>The endpoints are written out rather than discovered: the console is started with the server
 * whose metadata it would read, before that server listens. The browser is sent to
 * {@code /oauth2/authorize} on the address it uses already (same cookie, so the member signed in on
 * {@code /login} is who authorizes), and the token and revocation endpoints are called over
 * loopback on this node's port, known once the server listens.
 */
@Component("consoleRegistrations")
public class ConsoleRegistrations implements ClientRegistrationRepository, ApplicationListener<WebServerInitializedEvent> {

    /** The member's own tokens: authorization code with PKCE S256 (RFC 7636), then refresh. */
    public static final String MEMBER = "member";
    /** A delegation token for the grant the member acts under (RFC 8693, DESIGN.md section 5). */
    public static final String ACTING = "acting";
    /** The console's own token, acting for no member (sign-up, SECURITY-CASES 29): client credentials. */
    public static final String CONSOLE = "console";
    /** Where the browser starts a sign-in: Spring Security's authorization request, {@code /console/signin/member}. */
    static final String SIGN_IN_BASE = "/console/signin";
    /** Where revocation (RFC 7009) is, in the registration's provider metadata (RFC 8414's name). */
    static final String REVOCATION_ENDPOINT = "revocation_endpoint";

    private final ConsoleClient client;
    private final ScopeCatalog catalog;
    private volatile Map<String, ClientRegistration> registrations = Map.of();

    ConsoleRegistrations(ConsoleClient client, ScopeCatalog catalog) {
        this.client = client;
        this.catalog = catalog;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // The application's own server, not the management one (OperationsSecurity).
        if (event.getApplicationContext().getServerNamespace() == null) {
            listening(event.getWebServer().getPort());
        }
    }

    /** This node's server listens on that port: its token endpoint is reachable there. */
    void listening(int port) {
        registrations = registrations("http://127.0.0.1:" + port);
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return registrations.get(registrationId);
    }

    /**
     * The sign-in's authorization request, for the member registration only: the other two have no
     * authorization endpoint, and a browser asking to start one gets Spring Security's refusal.
     */
    public OAuth2AuthorizationRequestResolver signInRequests() {
        return new DefaultOAuth2AuthorizationRequestResolver(id -> MEMBER.equals(id) ? findByRegistrationId(id) : null,
                SIGN_IN_BASE);
    }

    private Map<String, ClientRegistration> registrations(String loopback) {
        List<String> scopes = new ArrayList<>(catalog.memberScopes());
        scopes.add(OidcScopes.OPENID);
        Map<String, Object> metadata = Map.of(REVOCATION_ENDPOINT, loopback + "/oauth2/revoke");
        ClientRegistration member = registration(MEMBER, loopback, metadata)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                // Relative: the browser stays on the host it signed in at.
                .authorizationUri("/oauth2/authorize")
                // The URL the console is reached at; the server allows it on loopback (RFC 8252) and at BEHALF_ISSUER.
                .redirectUri("{baseUrl}" + ConsoleClient.CALLBACK_PATH)
                .scope(scopes)
                // PKCE S256 for a confidential client too (OAuth 2.1, RFC 9700 section 2.1.1).
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
        // No scope asked: the exchange gives what the grant allows (DelegationExchangeProvider).
        ClientRegistration acting = registration(ACTING, loopback, metadata)
                .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE).build();
        ClientRegistration console = registration(CONSOLE, loopback, metadata)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();
        return Map.of(MEMBER, member, ACTING, acting, CONSOLE, console);
    }

    private ClientRegistration.Builder registration(String id, String loopback, Map<String, Object> metadata) {
        return ClientRegistration.withRegistrationId(id).clientId(client.clientId()).clientSecret(client.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .tokenUri(loopback + "/oauth2/token").providerConfigurationMetadata(metadata);
    }
}
