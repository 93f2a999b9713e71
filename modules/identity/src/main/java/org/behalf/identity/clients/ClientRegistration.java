package org.behalf.identity.clients;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.identity.api.ClientDeleted;
import org.behalf.identity.api.ScopeCatalog;
import org.behalf.identity.authorization.FirstPartyClients;
import org.behalf.identity.tokens.ClientSecrets;
import org.behalf.identity.tokens.HashedAuthorizationService;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.TextField;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrators' self-service clients (DESIGN.md sections 4 and 6). Secrets are generated here, shown
 * once and stored as SHA-256; redirect URIs are exact strings, https except on loopback (RFC 8252
 * section 7.3); the first-party-only scopes are never given to an integrator's client; client ids
 * start with {@code cli_}, member ids never do (SECURITY-CASES 19).
 */
@Service
public class ClientRegistration {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TOKEN_EXCHANGE = AuthorizationGrantType.TOKEN_EXCHANGE.getValue();
    private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials", TOKEN_EXCHANGE);
    private static final int MAX_REDIRECTS = 10;

    private final RegisteredClientRepository clients;
    private final FirstPartyClients firstParty;
    private final ScopeCatalog catalog;
    private final ClientOwners owners;
    private final JdbcTemplate jdbc;
    private final ActivityRecorder activity;
    private final Clock clock;
    private final HashedAuthorizationService authorizations;
    private final ApplicationEventPublisher events;

    ClientRegistration(RegisteredClientRepository clients, FirstPartyClients firstParty, ScopeCatalog catalog, ClientOwners owners,
                       JdbcTemplate jdbc, ActivityRecorder activity, Clock clock, HashedAuthorizationService authorizations,
                       ApplicationEventPublisher events) {
        this.clients = clients;
        this.firstParty = firstParty;
        this.catalog = catalog;
        this.owners = owners;
        this.jdbc = jdbc;
        this.activity = activity;
        this.clock = clock;
        this.authorizations = authorizations;
        this.events = events;
    }

    public record NewClient(String name, List<String> redirectUris, List<String> scopes, List<String> grantTypes) {
    }

    /** An app as the API answers it; {@code previousSecretExpiresAt}: until when the secret before the last rotation works. */
    public record ClientView(String clientId, @Nullable String clientSecret, String name, List<String> redirectUris, List<String> scopes,
                      List<String> grantTypes, Instant createdAt, @Nullable Instant previousSecretExpiresAt) {
    }

    @Transactional
    public ClientView register(Caller owner, NewClient request) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || TextField.length(name) > 100) {
            throw new InvalidRequest("name", "A name of 1 to 100 characters.");
        }
        // Shown to members on the consent page and their apps list: a name that reads as another is refused.
        TextField.checkName("name", name);
        String notAnAppName = AppNames.whyNotAnAppName(name);
        if (notAnAppName != null) {
            throw new InvalidRequest("name", notAnAppName);
        }
        Set<String> grantTypes = new LinkedHashSet<>(request.grantTypes() == null || request.grantTypes().isEmpty()
                ? List.of("authorization_code", "refresh_token") : request.grantTypes());
        if (!GRANT_TYPES.containsAll(grantTypes)) {
            throw new InvalidRequest("grantTypes", "Grant types are authorization_code, refresh_token, client_credentials and "
                    + TOKEN_EXCHANGE + "; there is no implicit and no password grant.");
        }
        List<String> redirects = request.redirectUris() == null ? List.of() : request.redirectUris();
        if (grantTypes.contains("authorization_code") && redirects.isEmpty()) {
            throw new InvalidRequest("redirectUris", "The authorization code flow needs at least one redirect URI.");
        }
        if (redirects.size() > MAX_REDIRECTS) {
            throw new InvalidRequest("redirectUris", "At most " + MAX_REDIRECTS + " redirect URIs.");
        }
        redirects.forEach(ClientRegistration::checkRedirect);
        String tooLong = RedirectUris.whyTooLong(redirects);
        if (tooLong != null) {
            throw new InvalidRequest("redirectUris", tooLong);
        }
        Set<String> scopes = new LinkedHashSet<>(request.scopes() == null ? List.of() : request.scopes());
        if (scopes.isEmpty()) {
            throw new InvalidRequest("scopes", "Name at least one scope from GET /api/v1/scopes.");
        }
        for (String scope : scopes) {
            if (scope.equals(OidcScopes.OPENID)) {
                continue; // OpenID Connect sign-in: an ID token and /userinfo, for any client
            }
            if (!catalog.known(scope)) {
                throw new InvalidRequest("scopes", "Unknown scope: " + scope);
            }
            if (catalog.firstPartyOnly(scope)) {
                throw new InvalidRequest("scopes", scope + " is given only to Behalf's own clients.");
            }
        }
        // DESIGN.md section 4: token exchange (delegation tokens) is what the client scope delegation:act allows.
        if (grantTypes.contains(TOKEN_EXCHANGE) != scopes.contains("delegation:act")) {
            throw new InvalidRequest("grantTypes", "The token-exchange grant type and the scope delegation:act go together.");
        }
        String clientId = "cli_" + random(16);
        String secret = ClientSecrets.generate();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RegisteredClient.Builder client = RegisteredClient.withId(clientId).clientId(clientId).clientName(name)
                .clientIdIssuedAt(now)
                .clientSecret(new ClientSecrets().encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
                .tokenSettings(firstParty.tokens());
        grantTypes.forEach(type -> client.authorizationGrantType(new AuthorizationGrantType(type)));
        redirects.forEach(client::redirectUri);
        clients.save(client.build());
        owners.insert(new ClientOwner(clientId, owner.subject(), now));
        record(owner, "client.register", clientId, List.of(new ActivityEvent.Change("scopes", null, List.copyOf(scopes))));
        return new ClientView(clientId, secret, name, redirects, List.copyOf(scopes), List.copyOf(grantTypes), now, null);
    }

    public List<ClientView> list(Caller owner) {
        return owners.findByOwnerIdOrderByCreatedAtDescClientIdDesc(owner.subject()).stream().map(ClientOwner::clientId)
                .map(clients::findByClientId).filter(java.util.Objects::nonNull)
                .map(ClientRegistration::view).toList();
    }

    ClientView get(Caller owner, String clientId) {
        return view(own(owner, clientId));
    }

    /** How long an old secret keeps working after a rotation, at most and by default (issue 18). */
    public static final java.time.Duration SECRET_GRACE = java.time.Duration.ofHours(24);

    /**
     * A new secret, shown once. The one it replaces keeps working for {@code graceHours} (0 to 24,
     * 24 when not said), so that the app can be given the new one without an outage; 0 ends it at
     * once (a leaked secret). An older secret still in its grace ends at once either way.
     */
    @Transactional
    public ClientView rotate(Caller owner, String clientId, Integer graceHours) {
        int hours = graceHours == null ? (int) SECRET_GRACE.toHours() : graceHours;
        if (hours < 0 || hours > SECRET_GRACE.toHours()) {
            throw new InvalidRequest("graceHours", "The old secret can keep working for 0 to " + SECRET_GRACE.toHours() + " hours.");
        }
        RegisteredClient client = own(owner, clientId);
        String secret = ClientSecrets.generate();
        ClientSecrets secrets = new ClientSecrets(clock);
        // Whole seconds: what is stored, so the answer and a later read say the same.
        Instant oldUntil = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(java.time.Duration.ofHours(hours));
        clients.save(RegisteredClient.from(client).clientSecret(secrets.rotated(secret, client.getClientSecret(), oldUntil)).build());
        record(owner, "client.rotate_secret", clientId, List.of(
                new ActivityEvent.Change("previousSecretExpiresAt", null, hours == 0 ? null : oldUntil.toString())));
        ClientView view = view(client);
        return new ClientView(view.clientId(), secret, view.name(), view.redirectUris(), view.scopes(), view.grantTypes(),
                view.createdAt(), hours == 0 ? null : oldUntil);
    }

    /** Deletes the client and revokes every token it holds; other modules hear of it ({@link ClientDeleted}). */
    @Transactional
    void delete(Caller owner, String clientId) {
        // The stored id from here on: the sign-in and token rows that name the client compare as the database's
        // default collation says, and are only ever given a client's own id (docs/security.md rule 26).
        String id = own(owner, clientId).getId();
        authorizations.revokeClient(id);
        // Its authorizations go with it: a row whose client is gone cannot be read back, and would
        // break every later look at the member's sessions (password change, closing the account).
        // Statements, not repositories: these three are Spring Authorization Server's tables, kept by
        // its JDBC stores, whose interfaces delete no client and no client's rows at once.
        jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ?", id);
        jdbc.update("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?", id);
        jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", id);
        owners.deleteById(clientId);
        // What other modules keep for the client goes in this transaction too: its webhooks and
        // streams stayed listed as active, and could still be changed, after it was gone (black-box
        // testing on 2026-12-06; docs/security.md rule 42).
        events.publishEvent(new ClientDeleted(owner.subject(), clientId));
        record(owner, "client.delete", clientId, List.of());
    }

    private RegisteredClient own(Caller owner, String clientId) {
        RegisteredClient client = owners.existsByClientIdAndOwnerId(clientId, owner.subject()) ? clients.findByClientId(clientId) : null;
        if (client == null) {
            throw InvalidRequest.notFound();
        }
        return client;
    }

    private void record(Caller owner, String action, String clientId, List<ActivityEvent.Change> changes) {
        activity.record(new ActivityEvent(owner.subject(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, owner.subject()),
                null, owner.clientId(), action, new ActivityEvent.Target("client", clientId), ActivityEvent.Outcome.SUCCESS, null,
                changes, null));
    }

    private static ClientView view(RegisteredClient client) {
        return new ClientView(client.getClientId(), null, client.getClientName(), List.copyOf(client.getRedirectUris()),
                List.copyOf(client.getScopes()), client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).toList(),
                client.getClientIdIssuedAt(), new ClientSecrets().previousUntil(client.getClientSecret()));
    }

    private static void checkRedirect(String uri) {
        if (!RedirectUris.acceptable(uri)) {
            throw new InvalidRequest("redirectUris", "Redirect URIs are absolute https URIs without fragment "
                    + "(http only on 127.0.0.1 or [::1]): " + uri);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value).replace('-', 'a').replace('_', 'b');
    }

}
