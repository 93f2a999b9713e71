package org.behalf.console.session;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * What the console keeps in a member's browser session (server-side, in the session table): who
 * is signed in, the tokens Spring Security's client obtained for them, where a sign-in returns
 * to, and whether they are acting for a client.
 */
public final class ConsoleSession implements Serializable {

    /**
     * Named anew when what is kept changed shape (tokens moved to Spring Security's types): a
     * session saved by an older node is then simply not found here, and its member signs in to
     * the console again without a form, rather than failing to read the old one.
     */
    private static final String ATTRIBUTE = ConsoleSession.class.getName() + ".2";

    /**
     * Tokens held for one client registration, for the member signed in when they were obtained;
     * without the registration itself, which carries the console's client secret and has no
     * business in the session table (SECURITY-CASES 28: tokens stay on the server).
     */
    record Held(String principalName, OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken) implements Serializable {
    }

    private String memberId;
    private String displayName;
    private Acting acting;
    private String next;
    private final Map<String, Held> tokens = new HashMap<>();

    public static ConsoleSession of(HttpServletRequest request) {
        HttpSession session = request.getSession();
        synchronized (session) {
            ConsoleSession console = (ConsoleSession) session.getAttribute(ATTRIBUTE);
            if (console == null) {
                console = new ConsoleSession();
                session.setAttribute(ATTRIBUTE, console);
            }
            return console;
        }
    }

    /** Signed in to the console as this member (the browser session's sign-in may have changed since). */
    public synchronized boolean signedInAs(String member) {
        Held own = tokens.get(ConsoleRegistrations.MEMBER);
        return own != null && member != null && member.equals(memberId) && member.equals(own.principalName());
    }

    public synchronized String memberId() {
        return memberId;
    }

    public synchronized String displayName() {
        return displayName;
    }

    public synchronized Acting acting() {
        return acting;
    }

    /** The member's own tokens were checked to be theirs: the console is signed in; acting starts afresh. */
    synchronized void signedIn(String member, String name) {
        memberId = member;
        displayName = name;
        stopActing();
    }

    /** Acting under another grant: the delegation token of the previous one never serves it. */
    synchronized void startActing(Acting act) {
        acting = act;
        tokens.remove(ConsoleRegistrations.ACTING);
    }

    public synchronized void stopActing() {
        acting = null;
        tokens.remove(ConsoleRegistrations.ACTING);
    }

    /** Where the sign-in under way returns to (already a safe target). */
    synchronized void returnTo(String target) {
        next = target;
    }

    synchronized String takeReturnTo() {
        String taken = next;
        next = null;
        return taken;
    }

    synchronized Held held(String registrationId) {
        return tokens.get(registrationId);
    }

    synchronized void hold(String registrationId, Held held) {
        tokens.put(registrationId, held);
    }

    synchronized void drop(String registrationId) {
        tokens.remove(registrationId);
    }
}
