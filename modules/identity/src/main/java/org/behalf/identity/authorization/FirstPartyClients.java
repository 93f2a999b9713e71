package org.behalf.identity.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.behalf.identity.api.ConsoleClient;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.api.ScopeCatalog;
import org.behalf.identity.tokens.ClientSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The two clients every installation has (DESIGN.md section 5): {@code behalf-cli}, a public client
 * for scripts (authorization code + PKCE S256, loopback redirect on any port, every member scope
 * plus {@code delegation:act}), and {@code behalf-console}, the console's confidential client.
 * Written on every start, so their settings follow the code.
 */
@Component
public class FirstPartyClients {

    public static final String CLI = "behalf-cli";
    public static final String CONSOLE = ConsoleClient.ID;
    public static final Set<String> IDS = Set.of(CLI, CONSOLE);
    static final AuthorizationGrantType TOKEN_EXCHANGE = AuthorizationGrantType.TOKEN_EXCHANGE;
    private static final Logger log = LoggerFactory.getLogger(FirstPartyClients.class);
    private static final String DEVELOPMENT_CONSOLE_SECRET = "behalf-console-development-secret";

    private final RegisteredClientRepository clients;
    private final ScopeCatalog catalog;
    private final IdentitySettings settings;

    FirstPartyClients(RegisteredClientRepository clients, ScopeCatalog catalog, IdentitySettings settings) {
        this.clients = clients;
        this.catalog = catalog;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void register() {
        List<String> scopes = new ArrayList<>(catalog.memberScopes());
        scopes.add(OidcScopes.OPENID);
        save(RegisteredClient.withId(CLI).clientId(CLI).clientName("Behalf command line")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                // Rotating refresh tokens (PublicClientRefreshTokens): one sign-in per refresh lifetime.
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(TOKEN_EXCHANGE)
                .redirectUri("http://127.0.0.1/callback")
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens())
                .build());
        String secret = settings.consoleClientSecret();
        if (secret == null || secret.isBlank()) {
            log.warn("BEHALF_CONSOLE_CLIENT_SECRET is not set: the console client uses the development secret.");
        }
        save(RegisteredClient.withId(CONSOLE).clientId(CONSOLE).clientName("Behalf console")
                .clientSecret(new ClientSecrets().encode(consoleClient(settings).secret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(TOKEN_EXCHANGE)
                // Its own token (acting for no member) for the sign-up page, so the API can count
                // sign-ups per browser address rather than per console (SECURITY-CASES 29).
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .redirectUris(uris -> uris.addAll(consoleRedirectUris()))
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens())
                .build());
    }

    /** The console's credentials; without a configured secret, the development one. */
    static ConsoleClient consoleClient(IdentitySettings settings) {
        String secret = settings.consoleClientSecret();
        return new ConsoleClient(CONSOLE, secret == null || secret.isBlank() ? DEVELOPMENT_CONSOLE_SECRET : secret);
    }

    /**
     * Loopback addresses on any port (RFC 8252 section 7.3, which Spring Authorization Server
     * applies; it refuses {@code localhost}, so the console moves browsers from localhost to
     * 127.0.0.1), and the configured issuer's own URL for a real deployment.
     */
    private List<String> consoleRedirectUris() {
        List<String> uris = new ArrayList<>(List.of("http://127.0.0.1" + ConsoleClient.CALLBACK_PATH,
                "http://[::1]" + ConsoleClient.CALLBACK_PATH));
        if (settings.issuer() != null) {
            uris.add(settings.issuer().replaceAll("/+$", "") + ConsoleClient.CALLBACK_PATH);
        }
        return uris;
    }

    /** The token lifetimes of every client, first-party or not (docs/oauth.md). */
    public TokenSettings tokens() {
        return TokenSettings.builder().accessTokenTimeToLive(settings.accessTokenLifetime())
                .refreshTokenTimeToLive(settings.refreshTokenLifetime()).reuseRefreshTokens(false)
                .authorizationCodeTimeToLive(settings.codeLifetime()).idTokenSignatureAlgorithm(
                        org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256).build();
    }

    private void save(RegisteredClient client) {
        try {
            clients.save(client);
        } catch (org.springframework.dao.DuplicateKeyException anotherNodeWasFirst) {
            // Several nodes starting together: one of them wrote it.
        }
    }
}
