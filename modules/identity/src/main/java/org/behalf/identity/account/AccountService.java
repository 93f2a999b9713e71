package org.behalf.identity.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.identity.api.AccountClosed;
import org.behalf.identity.api.BrowserSignIns;
import org.behalf.identity.api.ConsoleClient;
import org.behalf.identity.api.SecondFactor;
import org.behalf.identity.authorization.FirstPartyClients;
import org.behalf.identity.member.MemberAccounts;
import org.behalf.identity.signin.ThrottledSignIn;
import org.behalf.identity.tokens.HashedAuthorizationService;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
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

    private final FindByIndexNameSessionRepository<? extends Session> browserSessions;
    private final ApplicationEventPublisher events;
    private final SecondFactor secondFactor;

    AccountService(MemberAccounts accounts, HashedAuthorizationService authorizations, JdbcTemplate jdbc, ActivityRecorder activity,
                   FindByIndexNameSessionRepository<? extends Session> browserSessions, ApplicationEventPublisher events,
                   SecondFactor secondFactor) {
        this.secondFactor = secondFactor;
        this.accounts = accounts;
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.activity = activity;
        this.browserSessions = browserSessions;
        this.events = events;
    }

    /**
     * One place the member is signed in: an OAuth authorization with live tokens (the console, the
     * command line, an app), or a browser's sign-in. {@code description} and {@code device} are in
     * plain words; {@code address} is where a browser signed in from (unknown for apps).
     */
    record SignedIn(String id, String clientId, String grantType, String scopes, Instant since, boolean current,
                    String description, String device, String address, Instant lastUsed) {
    }

    /**
     * Closing an account ends every session, token and grant tied to it (SECURITY-CASES 30), in one
     * transaction: the member can no longer sign in, every OAuth authorization of theirs is revoked
     * (so every token, delegation tokens they hold included), their browser sessions are deleted, and
     * the delegation module ends their grants on both sides when it hears {@link AccountClosed}. The
     * AI assistants the member runs are closed the same way, in the same transaction: an assistant
     * nobody answers for any more must not go on acting under the grants it was given (DESIGN.md
     * section 6, "AI assistants").
     */
    @Transactional
    void close(Caller member, String password, String code) {
        accounts.close(member.subject(), password);
        // After the password check, in the same transaction: a wrong code rolls the closing back.
        requireSecondFactor(member, code);
        List<String> sessions = sessionIds(member.subject());
        List<String> agents = accounts.agentsOf(member.subject());
        for (String agent : agents) {
            accounts.closeAgent(agent);
            end(agent);
            events.publishEvent(new AccountClosed(agent));
        }
        end(member.subject());
        events.publishEvent(new AccountClosed(member.subject()));
        List<ActivityEvent.Change> changes = new java.util.ArrayList<>(List.of(new ActivityEvent.Change("sessionsEnded", null, sessions.size())));
        if (!agents.isEmpty()) {
            changes.add(new ActivityEvent.Change("assistantsClosed", null, agents.size()));
        }
        record(member, "account.close", null, changes);
    }

    /**
     * Every session, token and browser sign-in of a closed account ends; its grants end on hearing
     * {@link AccountClosed}. A password reset code asked for before goes too: it set a closed
     * account's password and answered that it worked (SECURITY-CASES 30, black-box finding, 2026-12-07).
     */
    private void end(String memberId) {
        sessionIds(memberId).forEach(authorizations::revoke);
        authorizations.revokeStandaloneOf(memberId);
        browserSessions.findByPrincipalName(memberId).keySet().forEach(browserSessions::deleteById);
        jdbc.update("DELETE FROM identity_password_reset WHERE member_id = ?", memberId);
    }

    @Transactional
    void changePassword(Caller member, String currentToken, String currentPassword, String newPassword, String code) {
        accounts.changePassword(member.subject(), currentPassword, newPassword);
        // After the password check, in the same transaction: a wrong code rolls the change back.
        requireSecondFactor(member, code);
        int ended = endEverySessionBut(member.subject(), authorizations.authorizationOf(currentToken));
        record(member, "account.password_change", null, List.of(new ActivityEvent.Change("sessionsEnded", null, ended)));
    }

    /** "Sign out everywhere": every session but the one asking ends, every browser's sign-in too. */
    @Transactional
    int endAllBut(Caller member, String currentToken) {
        int ended = endEverySessionBut(member.subject(), authorizations.authorizationOf(currentToken));
        record(member, "account.sessions_end", null, List.of(new ActivityEvent.Change("sessionsEnded", null, ended)));
        return ended;
    }

    /**
     * Revokes every OAuth authorization of the member but {@code keep} (so every access and refresh
     * token of theirs), and deletes every browser session: a stolen sign-in cookie must not outlive
     * the password either. This browser's session ends too (it signs in again).
     */
    int endEverySessionBut(String memberId, String keep) {
        List<String> others = sessionIds(memberId).stream().filter(id -> !id.equals(keep)).toList();
        others.forEach(authorizations::revoke);
        Set<String> browsers = browserSessions.findByPrincipalName(memberId).keySet();
        browsers.forEach(browserSessions::deleteById);
        return others.size() + browsers.size();
    }

    /**
     * The current two-step code (or a recovery code) when two-step sign-in is on (issue 18): a stolen
     * session that knows the password still cannot change it, turn two-step off or close the account.
     */
    private void requireSecondFactor(Caller member, String code) {
        if (secondFactor.enabled(member.subject()) && !secondFactor.verifyOrThrottled(member.subject(), code)) {
            throw new InvalidRequest("code", code == null || code.isBlank()
                    ? "Type the code your authenticator app shows now, or one of your recovery codes."
                    : "That code is not the current one.");
        }
    }

    List<SignedIn> sessions(Caller member, String currentToken) {
        String current = authorizations.authorizationOf(currentToken);
        List<SignedIn> apps = jdbc.query("SELECT a.id, a.registered_client_id, a.authorization_grant_type, a.authorized_scopes, "
                        + "COALESCE(a.authorization_code_issued_at, a.access_token_issued_at), a.access_token_issued_at, "
                        + "c.client_id, c.client_name FROM oauth2_authorization a LEFT JOIN oauth2_registered_client c "
                        + "ON c.id = a.registered_client_id "
                        + "WHERE a.principal_name = ? AND EXISTS (SELECT 1 FROM identity_token_index i WHERE i.authorization_id = a.id "
                        + "AND i.invalidated = FALSE AND i.token_type IN ('access_token', 'refresh_token')) ORDER BY 5 DESC",
                (rs, n) -> {
                    Timestamp since = rs.getTimestamp(5);
                    Timestamp used = rs.getTimestamp(6);
                    return new SignedIn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            since == null ? null : since.toInstant(), rs.getString(1).equals(current), describeClient(rs.getString(7), rs.getString(8)),
                            "", "", used == null ? null : used.toInstant());
                }, member.subject());
        List<SignedIn> all = new java.util.ArrayList<>(apps.stream().map(this::whereFrom).toList());
        browserSessions.findByPrincipalName(member.subject()).forEach((id, session) -> all.add(new SignedIn(BrowserSignIns.id(id), null,
                "browser", null, session.getCreationTime(), false, "Signed in on the web",
                java.util.Objects.requireNonNullElse(session.getAttribute(ThrottledSignIn.SIGNED_IN_DEVICE), "A browser"),
                java.util.Objects.requireNonNullElse(session.getAttribute(ThrottledSignIn.SIGNED_IN_ADDRESS), ""),
                session.getLastAccessedTime())));
        return all;
    }

    /** The session with the device and address of the browser that authorized it, kept with it when it was given (AuthorizingBrowser). */
    private SignedIn whereFrom(SignedIn session) {
        OAuth2Authorization stored = authorizations.findById(session.id());
        String device = stored == null ? null : stored.getAttribute(ThrottledSignIn.SIGNED_IN_DEVICE);
        String address = stored == null ? null : stored.getAttribute(ThrottledSignIn.SIGNED_IN_ADDRESS);
        return device == null ? session : new SignedIn(session.id(), session.clientId(), session.grantType(), session.scopes(),
                session.since(), session.current(), session.description(), device, address == null ? "" : address, session.lastUsed());
    }

    /** The first-party clients by what people call them; any other by its client id. */
    private static String describeClient(String clientId, String name) {
        return ConsoleClient.ID.equals(clientId) ? "The console" : FirstPartyClients.CLI.equals(clientId) ? "The command line"
                : "The app " + (name == null || name.isBlank() ? clientId : name);
    }

    @Transactional
    void end(Caller member, String sessionId) {
        if (sessionId.startsWith(BrowserSignIns.PREFIX)) {
            String browser = browserSessions.findByPrincipalName(member.subject()).keySet().stream()
                    .filter(id -> BrowserSignIns.id(id).equals(sessionId)).findFirst().orElseThrow(InvalidRequest::notFound);
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
