package org.behalf.delegation.enforcement;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;

/**
 * What enforcement learned about one API request: its declaration, its caller and, when it was
 * refused, why. Kept as a request attribute between the interceptor that decides and the filter
 * that records.
 */
final class RequestRecord {

    private static final String ATTRIBUTE = RequestRecord.class.getName();

    private ResourceAccess declaration;
    private String handler;
    private Caller caller;
    private String denial;
    private String staged;
    private String appliedApproval;
    private boolean notFound;
    private boolean collided;
    private boolean calledOut;
    private boolean optionsAnswer;
    private boolean refused;

    static RequestRecord start(HttpServletRequest request) {
        RequestRecord record = new RequestRecord();
        request.setAttribute(ATTRIBUTE, record);
        return record;
    }

    static RequestRecord of(HttpServletRequest request) {
        Object record = request.getAttribute(ATTRIBUTE);
        return record instanceof RequestRecord existing ? existing : start(request);
    }

    void declaration(ResourceAccess declaration, String handler) {
        this.declaration = declaration;
        this.handler = handler;
    }

    void caller(Caller caller) {
        this.caller = caller;
    }

    void deny(String reason) {
        this.denial = reason;
    }

    /** The request was held for the holder's review as this approval, instead of being done. */
    void staged(String approvalId) {
        this.staged = approvalId;
    }

    /**
     * Spring's own answer to {@code OPTIONS} (the methods of the address) is answering: no handler of
     * ours runs, so the entry a delegate's or app's request leaves (SECURITY-CASES 31) says so as
     * {@code api.options}, not as an undeclared handler that succeeded (black-box finding).
     */
    void optionsAnswer() {
        this.optionsAnswer = true;
    }

    /** The holder's request applies this approval of a delegate's change. */
    void applies(String approvalId) {
        this.appliedApproval = approvalId;
    }

    /** The answer was 404: nothing there, or (SECURITY-CASES 20) another account's, which looks the same. */
    void notFound() {
        this.notFound = true;
    }

    /** A deadlock or a certification conflict failed the request (nothing of it was kept). */
    void collided() {
        this.collided = true;
    }

    /** The request was answered with a refusal or a failure (4xx or 5xx); nothing of it was kept. */
    void refused() {
        this.refused = true;
    }

    boolean hasCollided() {
        return collided;
    }

    /** The request did something outside its transaction, which a re-run would do twice. */
    void calledOut() {
        this.calledOut = true;
    }

    /**
     * Whether the request may be run again after a conflict: not when it called another service
     * or this one over HTTP (an approval applied), nor when it carries another service's
     * credentials, which may be single-use (an authorization code).
     */
    boolean reRunnable() {
        return !calledOut && (declaration == null || !declaration.carriesCredentials());
    }

    String appliedApproval() {
        return appliedApproval;
    }

    ResourceAccess declaration() {
        return declaration;
    }

    Caller caller() {
        return caller;
    }

    String denial() {
        return denial;
    }

    /** The activity action: the declared one, or one naming the undeclared handler. */
    String action() {
        if (staged != null) {
            return "approval.request";
        }
        if (optionsAnswer) {
            return "api.options";
        }
        return declaration != null ? declaration.action() : handler != null ? "undeclared." + handler : "api.request";
    }

    /**
     * Requests made with a token that is not the holder's own (a delegate's or an app's) are
     * recorded, allowed or denied (DESIGN.md section 2 rule 6); so is the holder's own request
     * applying a change they approved, which carries the delegate's words into the log, and one
     * answered 404, which may be a reach into another account (SECURITY-CASES 20: recorded, in
     * the caller's own log, since which account it probed must stay untold). A client's own token
     * (client credentials) is its owner's machine: like the holder's own requests, its refusals and
     * 404s are recorded here, in the owner's log, and the changes it makes by the module that makes
     * them (a Shared Signals stream's). The holder's own refused change of the account's security
     * is recorded as well ({@link ResourceAccess#refusalsRecorded}); the holder's own 404 of a
     * public look-up by name is not ({@link ResourceAccess#notFoundRecorded}).
     */
    boolean recorded() {
        return caller != null && (caller.kind() == Caller.Kind.DELEGATE || caller.kind() == Caller.Kind.APP
                || (caller.kind() == Caller.Kind.HOLDER && (appliedApproval != null
                        || (notFound && (declaration == null || declaration.notFoundRecorded()))
                        || (refused && declaration != null && declaration.refusalsRecorded())))
                || (caller.kind() == Caller.Kind.CLIENT && (denial != null || notFound)));
    }
}
