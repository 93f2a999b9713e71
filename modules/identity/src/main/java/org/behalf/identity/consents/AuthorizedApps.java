package org.behalf.identity.consents;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.kernel.Caller;
import org.behalf.identity.api.ConsentWithdrawn;
import org.behalf.identity.api.ScopeCatalog;
import org.behalf.identity.authorization.FirstPartyClients;
import org.behalf.identity.tokens.HashedAuthorizationService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The third-party apps a member has allowed on the consent page (DESIGN.md section 5), and taking
 * that back: the consent goes, every token the app holds for the member is revoked at once (DESIGN.md
 * section 2 rule 5; docs/security.md rule 44 for the nodes that remember tokens), the member's log
 * says so, and the app's Shared Signals streams hear a {@code session-revoked} ({@link ConsentWithdrawn},
 * DESIGN.md section 6). Behalf's own clients never ask for consent, so they are never listed here.
 *
 * <p>Its two statements read Spring Authorization Server's tables ({@code oauth2_authorization_consent},
 * {@code oauth2_authorization}), which its JDBC stores own and which are no aggregate of ours: the
 * stores find a consent or an authorization only one at a time, by its key, and neither lists a
 * member's consents or tells when an app signed the member in.
 */
@Service
class AuthorizedApps {

    /** What the consent page's {@code openid} stands for, in the catalog's manner. */
    private static final String OPENID_WORDS = "Know who you are on Behalf (sign-in)";

    private final OAuth2AuthorizationConsentService consents;
    private final RegisteredClientRepository clients;
    private final HashedAuthorizationService authorizations;
    private final ScopeCatalog catalog;
    private final JdbcTemplate jdbc;
    private final ActivityRecorder activity;
    private final ApplicationEventPublisher events;

    AuthorizedApps(OAuth2AuthorizationConsentService consents, RegisteredClientRepository clients,
                   HashedAuthorizationService authorizations, ScopeCatalog catalog, JdbcTemplate jdbc, ActivityRecorder activity,
                   ApplicationEventPublisher events) {
        this.consents = consents;
        this.clients = clients;
        this.authorizations = authorizations;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.activity = activity;
        this.events = events;
    }

    /** A permission as the consent page showed it: the scope and the catalog's words for it. */
    record Permission(String scope, String description) {
    }

    /**
     * An app the member allowed. {@code authorizedAt}: when it first signed the member in since the
     * consent was given; {@code lastUsed}: when it last got an access token (a sign-in or a refresh);
     * either is null when no sign-in of it is left to tell.
     */
    record AuthorizedApp(String clientId, String name, List<Permission> permissions, Instant authorizedAt, Instant lastUsed) {
    }

    List<AuthorizedApp> list(Caller member) {
        return jdbc.queryForList("SELECT registered_client_id FROM oauth2_authorization_consent WHERE principal_name = ?",
                        String.class, member.subject()).stream()
                .map(clients::findById).filter(Objects::nonNull)
                .filter(client -> !FirstPartyClients.IDS.contains(client.getClientId()))
                .map(client -> view(member.subject(), client, consents.findById(client.getId(), member.subject())))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(AuthorizedApp::name, String.CASE_INSENSITIVE_ORDER).thenComparing(AuthorizedApp::clientId))
                .toList();
    }

    /**
     * Withdraws the member's consent to the app, in one transaction with the revocation of every
     * access and refresh token it holds for them, the activity entry and the event. An app the member
     * never allowed, whoever's it is, answers like a missing one (docs/security.md rule 20); the
     * enforcement filter records that refusal.
     */
    @Transactional
    void withdraw(Caller member, String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        OAuth2AuthorizationConsent consent = client == null || FirstPartyClients.IDS.contains(client.getClientId()) ? null
                : consents.findById(client.getId(), member.subject());
        if (consent == null) {
            throw new UnknownApp();
        }
        List<String> scopes = consent.getScopes().stream().sorted().toList();
        consents.remove(consent);
        int ended = authorizations.revokeClientFor(client.getId(), member.subject());
        events.publishEvent(new ConsentWithdrawn(member.subject(), client.getClientId()));
        activity.record(new ActivityEvent(member.subject(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, member.subject()),
                null, member.clientId(), "app.withdraw", new ActivityEvent.Target("client", client.getClientId()),
                ActivityEvent.Outcome.SUCCESS, null, List.of(new ActivityEvent.Change("app", client.getClientName(), null),
                new ActivityEvent.Change("scopes", scopes, null), new ActivityEvent.Change("sessionsEnded", null, ended)), null));
    }

    private AuthorizedApp view(String memberId, RegisteredClient client, OAuth2AuthorizationConsent consent) {
        if (consent == null) {
            return null;
        }
        List<Permission> permissions = consent.getScopes().stream()
                .sorted(Comparator.comparing(scope -> order(scope)))
                .map(scope -> new Permission(scope, OidcScopes.OPENID.equals(scope) ? OPENID_WORDS : catalog.describe(scope)))
                .toList();
        Instant[] times = jdbc.queryForObject("SELECT MIN(COALESCE(authorization_code_issued_at, access_token_issued_at)), "
                        + "MAX(access_token_issued_at) FROM oauth2_authorization WHERE principal_name = ? AND registered_client_id = ?",
                (rs, n) -> new Instant[] {instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))}, memberId, client.getId());
        return new AuthorizedApp(client.getClientId(), client.getClientName(), permissions, times[0], times[1]);
    }

    /** Catalog order, as the consent page and the scope list show them; sign-in first, unknown names last. */
    private int order(String scope) {
        int at = catalog.memberScopes().indexOf(scope);
        return OidcScopes.OPENID.equals(scope) ? -1 : at < 0 ? Integer.MAX_VALUE : at;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
