package org.behalf.identity.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.identity.api.AccountClosed;
import org.behalf.identity.api.Caller;
import org.behalf.identity.api.InvalidRequest;
import org.behalf.identity.member.MemberAccounts;
import org.behalf.identity.tokens.HashedAuthorizationService;
import org.behalf.identity.tokens.TokenHashes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's own account: password change and the list of signed-in sessions (each OAuth
 * authorization with a live token is a session: a device, a script, an app). Ending a session
 * revokes every token of it; a password change ends every session but the current one.
 */
@Service
class AccountService {

    private final MemberAccounts accounts;
    private final HashedAuthorizationService authorizations;
    private final JdbcTemplate jdbc;
    private final ActivityRecorder activity;
    private static final String BROWSER_PREFIX = "brs_";

    private final FindByIndexNameSessionRepository<? extends Session> browserSessions;
    private final ApplicationEventPublisher events;

    AccountService(MemberAccounts accounts, HashedAuthorizationService authorizations, JdbcTemplate jdbc, ActivityRecorder activity,
                   FindByIndexNameSessionRepository<? extends Session> browserSessions, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.activity = activity;
        this.browserSessions = browserSessions;
        this.events = events;
    }

    record SignedIn(String id, String clientId, String grantType, String scopes, Instant since, boolean current) {
    }

    /**
     * Closing an account ends every session, token and grant tied to it (SECURITY-CASES 30), in one
     * transaction: the member can no longer sign in, every OAuth authorization of theirs is revoked
     * (so every token, delegation tokens they hold included), their browser sessions are deleted, and
     * the delegation module ends their grants on both sides when it hears {@link AccountClosed}.
     */
    @Transactional
    void close(Caller member, String password) {
        accounts.close(member.subject(), password);
        List<String> sessions = sessionIds(member.subject());
        sessions.forEach(authorizations::revoke);
        authorizations.revokeStandaloneOf(member.subject());
        browserSessions.findByPrincipalName(member.subject()).keySet().forEach(browserSessions::deleteById);
        events.publishEvent(new AccountClosed(member.subject()));
        record(member, "account.close", null, List.of(new ActivityEvent.Change("sessionsEnded", null, sessions.size())));
    }

    @Transactional
    void changePassword(Caller member, String currentToken, String currentPassword, String newPassword) {
        accounts.changePassword(member.subject(), currentPassword, newPassword);
        String keep = authorizations.authorizationOf(currentToken);
        List<String> others = sessionIds(member.subject()).stream().filter(id -> !id.equals(keep)).toList();
        others.forEach(authorizations::revoke);
        // A stolen sign-in cookie must not outlive the password either: every browser session
        // ends, this browser's too (it signs in again with the new password).
        Set<String> browsers = browserSessions.findByPrincipalName(member.subject()).keySet();
        browsers.forEach(browserSessions::deleteById);
        record(member, "account.password_change", null, List.of(new ActivityEvent.Change("sessionsEnded", null,
                others.size() + browsers.size())));
    }

    List<SignedIn> sessions(Caller member, String currentToken) {
        String current = authorizations.authorizationOf(currentToken);
        List<SignedIn> apps = jdbc.query("SELECT a.id, a.registered_client_id, a.authorization_grant_type, a.authorized_scopes, "
                        + "COALESCE(a.access_token_issued_at, a.authorization_code_issued_at) FROM oauth2_authorization a "
                        + "WHERE a.principal_name = ? AND EXISTS (SELECT 1 FROM identity_token_index i WHERE i.authorization_id = a.id "
                        + "AND i.invalidated = FALSE AND i.token_type IN ('access_token', 'refresh_token')) ORDER BY 5 DESC",
                (rs, n) -> {
                    Timestamp since = rs.getTimestamp(5);
                    return new SignedIn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            since == null ? null : since.toInstant(), rs.getString(1).equals(current));
                }, member.subject());
        List<SignedIn> all = new java.util.ArrayList<>(apps);
        browserSessions.findByPrincipalName(member.subject()).forEach((id, session) -> all.add(new SignedIn(browserId(id), null,
                "browser", null, session.getCreationTime(), false)));
        return all;
    }

    /**
     * A browser session's public id: a session id is the cookie itself, so only a hash of it is
     * ever shown (SECURITY-CASES 28).
     */
    private static String browserId(String sessionId) {
        return BROWSER_PREFIX + TokenHashes.sha256(sessionId).substring(0, 32);
    }

    @Transactional
    void end(Caller member, String sessionId) {
        if (sessionId.startsWith(BROWSER_PREFIX)) {
            String browser = browserSessions.findByPrincipalName(member.subject()).keySet().stream()
                    .filter(id -> browserId(id).equals(sessionId)).findFirst().orElseThrow(InvalidRequest::notFound);
            browserSessions.deleteById(browser);
            record(member, "account.session_end", sessionId, List.of());
            return;
        }
        if (!sessionIds(member.subject()).contains(sessionId)) {
            throw InvalidRequest.notFound();
        }
        authorizations.revoke(sessionId);
        record(member, "account.session_end", sessionId, List.of());
    }

    private List<String> sessionIds(String memberId) {
        return jdbc.queryForList("SELECT id FROM oauth2_authorization WHERE principal_name = ?", String.class, memberId);
    }

    private void record(Caller member, String action, String sessionId, List<ActivityEvent.Change> changes) {
        activity.record(new ActivityEvent(member.subject(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, member.subject()),
                null, member.clientId(), action, sessionId == null ? null : new ActivityEvent.Target("session", sessionId),
                ActivityEvent.Outcome.SUCCESS, null, changes, null));
    }
}
