package org.behalf.identity.member;

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
}
