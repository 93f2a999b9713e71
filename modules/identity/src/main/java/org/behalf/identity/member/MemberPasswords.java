package org.behalf.identity.member;

import org.behalf.kernel.InvalidRequest;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Members' passwords are hashed with Argon2id (Bouncy Castle's implementation, through Spring
 * Security's encoder). Defaults follow OWASP's password storage guidance: 19 MiB of memory, 2
 * iterations, 1 lane, a 16-byte salt and a 32-byte hash; all are configurable, and each hash
 * records its own parameters, so they can be raised without invalidating stored hashes. Not a
 * {@code PasswordEncoder} bean on purpose: client secrets are verified differently
 * ({@code ClientSecrets}), and nothing should pick this one up by type.
 */
@Component
public class MemberPasswords {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private final PasswordEncoder encoder;

    MemberPasswords(Argon2Settings argon2) {
        this.encoder = new Argon2PasswordEncoder(16, 32, argon2.parallelism(), argon2.memoryKib(), argon2.iterations());
    }

    public PasswordEncoder encoder() {
        return encoder;
    }

    /**
     * The one rule for a new password, at sign-up, change and reset: its length, and no control
     * character (a NUL or an escape is no part of anything a person types, and breaks the tools a
     * password is pasted into; found accepted by black-box testing, 2026-12-06). Refused naming {@code field}.
     */
    static void check(String field, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new InvalidRequest(field, "A password has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters.");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest(field, "Control characters are not allowed.");
        }
    }
}
