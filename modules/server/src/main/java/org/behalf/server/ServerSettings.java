package org.behalf.server;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The node's own settings, from {@code behalf.*} (docs/configuration.md). {@code rotate-signing-key}
 * and {@code rotate-audit-key} decide whether {@link KeyRotationCommand} exists at all, so its
 * condition reads the properties itself; they are here for their description and type.
 *
 * @param maxConcurrentRequests requests in progress on one node beyond which the next is answered 503 at once (docs/security.md rule 41); keep it below the request threads
 * @param maxConcurrentRequestsPerAddress requests in progress from one client address beyond which its next is answered 429 at once (rules 36 and 41), so that one client cannot take every place
 * @param bodyTimeLimit         how long a request's body may take to arrive whole once the request has its place; later, 408 (rules 36 and 41)
 * @param demoData              load the demo members, grant and client on start
 * @param rotateSigningKey      run as the operator's signing key rotation, then exit ({@code scripts/rotate-signing-key})
 * @param rotateAuditKey        run as the operator's audit checkpoint key rotation, then exit
 * @param rotation              the signing key rotation
 */
@Validated
@ConfigurationProperties("behalf")
public record ServerSettings(@DefaultValue("150") @Positive int maxConcurrentRequests,
                             @DefaultValue("50") @Positive int maxConcurrentRequestsPerAddress,
                             @DefaultValue("20s") @NotNull Duration bodyTimeLimit,
                             @DefaultValue("false") boolean demoData,
                             @DefaultValue("false") boolean rotateSigningKey,
                             @DefaultValue("false") boolean rotateAuditKey,
                             @DefaultValue @Valid Rotation rotation) {

    /**
     * The signing key rotation, from {@code behalf.rotation.*}.
     *
     * @param overlap how long a new signing key is published before it signs, so every client has fetched it
     */
    public record Rotation(@DefaultValue("15m") @NotNull Duration overlap) {
    }
}
