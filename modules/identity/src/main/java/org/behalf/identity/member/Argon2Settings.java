package org.behalf.identity.member;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Argon2id's cost for member passwords, from {@code behalf.identity.argon2.*}. The defaults are
 * OWASP's second recommendation (19 MiB, 2 passes, 1 lane); a lower cost would weaken every stored
 * hash, so values below Argon2's own minimums stop start-up.
 *
 * @param memoryKib   memory per hash in KiB
 * @param iterations  passes over the memory
 * @param parallelism lanes
 */
@Validated
@ConfigurationProperties("behalf.identity.argon2")
public record Argon2Settings(@DefaultValue("19456") @Min(8) int memoryKib,
                             @DefaultValue("2") @Min(1) int iterations,
                             @DefaultValue("1") @Min(1) int parallelism) {
}
