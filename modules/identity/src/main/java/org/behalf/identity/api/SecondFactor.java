package org.behalf.identity.api;

/**
 * A member's optional second factor (TOTP, RFC 6238), for what other modules guard with it:
 * creating or widening a grant needs a current code when the holder turned it on (issue 3).
 */
public interface SecondFactor {

    boolean enabled(String memberId);

    /** True once per valid code: a code that was already used is refused (RFC 6238 section 5.2). */
    boolean verify(String memberId, String code);

    /**
     * As {@link #verify}, for a member who is to be told why: past the limit of wrong codes, kernel's
     * {@code TooManyRequests} (429 with {@code Retry-After}) rather than false, as the two-step
     * endpoints answer (docs/security.md rule 37). Sign-in keeps {@link #verify}: its refusal must
     * look like a wrong password's (SECURITY-CASES 27).
     */
    boolean verifyOrThrottled(String memberId, String code);
}
