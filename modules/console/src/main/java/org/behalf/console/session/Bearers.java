package org.behalf.console.session;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.Loopback;
import org.behalf.console.calls.Refusal;
import org.springframework.stereotype.Component;

/**
 * The bearer token for the call a page is about to make: the member's own, or, in acting mode, the
 * delegation token for the client's account. Tokens are renewed shortly before they run out;
 * renewal holds the session's lock, because refresh tokens rotate and a second use of an old one
 * would revoke the whole family (RFC 9700 section 4.14.2).
 */
@Component("consoleBearers")
public class Bearers {

    private final TokenEndpoint tokens;
    private final Clock clock;
    private volatile Tokens console;

    Bearers(TokenEndpoint tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The member's own token, for their own account and for what only they may do. */
    public String own(HttpServletRequest request) {
        ConsoleSession session = ConsoleSession.of(request);
        synchronized (session) {
            return ownTokens(request, session).accessToken();
        }
    }

    /** The token for the account the console is working on: the client's while acting, else the member's own. */
    public String forAccount(HttpServletRequest request) {
        ConsoleSession session = ConsoleSession.of(request);
        synchronized (session) {
            Acting acting = session.acting();
            if (acting == null) {
                return ownTokens(request, session).accessToken();
            }
            if (acting.token().expiresSoon(clock.instant())) {
                Tokens renewed = tokens.actFor(Loopback.of(request), acting.grantId(), ownTokens(request, session));
                session.startActing(acting.withToken(renewed));
                return renewed.accessToken();
            }
            return acting.token().accessToken();
        }
    }

    /**
     * "Work as <client>": exchanges the member's own token for a delegation token of this grant.
     * The authorization server decides whether the grant lets this member act (DESIGN.md section 5);
     * a refusal is passed on as it is.
     */
    public void startActing(HttpServletRequest request, String grantId, String holderId, String holderName,
                            List<String> scopes, java.time.Instant grantExpiresAt, List<String> limits) {
        ConsoleSession session = ConsoleSession.of(request);
        synchronized (session) {
            Tokens delegation = tokens.actFor(Loopback.of(request), grantId, ownTokens(request, session));
            session.startActing(new Acting(grantId, holderId, holderName, List.copyOf(scopes), grantExpiresAt,
                    List.copyOf(limits), delegation));
        }
    }

    /**
     * The console's own token, for calls made for nobody in particular (sign-up): with it, the API
     * believes the browser address the console names, and limits sign-ups per browser.
     */
    public String console(HttpServletRequest request) {
        Tokens current = console;
        if (current == null || current.expiresSoon(clock.instant())) {
            current = tokens.clientCredentials(Loopback.of(request));
            console = current;
        }
        return current.accessToken();
    }

    /** Signing out of the console revokes what it holds (RFC 7009), so nothing outlives the session. */
    public void revokeAll(HttpServletRequest request) {
        ConsoleSession session = ConsoleSession.of(request);
        synchronized (session) {
            Tokens own = session.own();
            if (own != null && own.refreshToken() != null) {
                tokens.revoke(Loopback.of(request), own.refreshToken(), "refresh_token");
            }
            if (own != null) {
                tokens.revoke(Loopback.of(request), own.accessToken(), "access_token");
            }
        }
    }

    private Tokens ownTokens(HttpServletRequest request, ConsoleSession session) {
        Tokens own = session.own();
        if (own == null) {
            throw new SignInNeeded();
        }
        if (!own.expiresSoon(clock.instant())) {
            return own;
        }
        if (own.refreshToken() == null) {
            throw new SignInNeeded();
        }
        try {
            Tokens renewed = tokens.refresh(Loopback.of(request), own);
            session.renewed(renewed);
            return renewed;
        } catch (Refusal refused) {
            throw new SignInNeeded();
        }
    }
}
