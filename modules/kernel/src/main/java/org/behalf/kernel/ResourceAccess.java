package org.behalf.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The declaration every resource API endpoint must carry (DESIGN.md section 2 rule 8, default
 * deny): the scope it needs, whether a delegate may use it, and the activity action it records.
 * An {@code /api/v1/**} or {@code /ssf/**} handler without it is refused before it runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ResourceAccess {

    /** No token needed (sign-up, the scope catalog). */
    String PUBLIC = "public";

    /** Any valid token of a member's account, whatever its scopes (a public profile by id). */
    String ANY_MEMBER_TOKEN = "any-member-token";

    /**
     * Only the member themself, through a first-party client: no delegate and no third-party app
     * (removing a connection, blocking someone).
     */
    String OWNER = "owner";

    /**
     * Only a client's own token (client credentials: {@code sub} = its client id), acting for the
     * client itself and never for a member: a Shared Signals receiver managing its stream (DESIGN.md
     * section 6). Every other token, a member's, an app's or a delegate's, is refused; used only
     * outside {@code /api/} (under {@code /ssf/}), where no member account is acted on.
     */
    String CLIENT_ITSELF = "client-itself";

    /**
     * A catalog scope name such as {@code profile:write}, or {@link #PUBLIC}, {@link #ANY_MEMBER_TOKEN},
     * {@link #OWNER} or {@link #CLIENT_ITSELF}.
     */
    String scope();

    /** Whether a delegation token may call it; false for everything never delegable. */
    boolean delegates();

    /** The activity-log action, e.g. {@code profile.update}. */
    String action();

    /**
     * Whether the request carries credentials (another service's token or authorization code).
     * Those are never stored (SECURITY-CASES 28), so such a change cannot be held for the
     * holder's review: a delegate's attempt under review is refused instead.
     */
    boolean carriesCredentials() default false;

    /**
     * Whether the member's own refused attempt is recorded in their log too: a change of the
     * account's security (its password, its two-step sign-in, closing it), where a wrong current
     * password or code is a sign that someone else holds the session (docs/security.md rule 37);
     * and the holder's decisions on what helpers did (approving or rejecting a held change, undoing
     * one), so that the log shows two decisions that collided or an undo tried twice (black-box
     * finding, 2026-12-07). Its success is recorded by the module that makes it, as every change of
     * the account is.
     */
    boolean refusalsRecorded() default false;

    /**
     * Whether the member's own {@code 404} here is recorded in their log (docs/security.md rule 20:
     * a 404 may be a reach into another account, so it is, by default). False only for a look-up of
     * something public by name whose 404 says no more than "there is none": whether a handle is an
     * AI assistant (docs/security.md rule 27 keeps a person's handle untold there). The console asks
     * it each time the grant form is drawn, and a refusal the holder never caused filled their log
     * (black-box finding 2, 2026-12-07). An app's or a delegate's 404 is recorded all the same.
     */
    boolean notFoundRecorded() default true;
}
