package org.behalf.identity.api;

/**
 * A member's optional second factor (TOTP, RFC 6238), for what other modules guard with it:
 * creating or widening a grant needs a current code when the holder turned it on (issue 3).
 */
public interface SecondFactor {

    boolean enabled(String memberId);

    /** True once per valid code: a code that was already used is refused (RFC 6238 section 5.2). */
    boolean verify(String memberId, String code);
}
