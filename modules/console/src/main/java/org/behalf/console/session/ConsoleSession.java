package org.behalf.console.session;

import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What the console keeps in a member's browser session: who is signed in, their tokens, the
 * sign-in in progress, and whether they are acting for a client.
 */
public final class ConsoleSession implements Serializable {

    private static final String ATTRIBUTE = ConsoleSession.class.getName();

    /** An authorization request under way (RFC 6749 section 10.12 state, RFC 7636 verifier). */
    record PendingSignIn(String state, String verifier, String next) implements Serializable {
    }

    private String memberId;
    private String displayName;
    private Tokens own;
    private Acting acting;
    private PendingSignIn pending;

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
        return own != null && member != null && member.equals(memberId);
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

    synchronized Tokens own() {
        return own;
    }

    synchronized void signedIn(String member, String name, Tokens tokens) {
        memberId = member;
        displayName = name;
        own = tokens;
        acting = null;
        pending = null;
    }

    synchronized void renewed(Tokens tokens) {
        own = tokens;
    }

    synchronized void startActing(Acting act) {
        acting = act;
    }

    public synchronized void stopActing() {
        acting = null;
    }

    synchronized void pending(PendingSignIn signIn) {
        pending = signIn;
    }

    synchronized PendingSignIn takePending() {
        PendingSignIn taken = pending;
        pending = null;
        return taken;
    }
}
