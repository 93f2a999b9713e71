package org.behalf.server;

import java.time.Duration;

import org.behalf.audit.chain.AuditKeys;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.keys.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The operator's key rotation ({@code scripts/rotate-signing-key}): adds a new token signing key,
 * published at once and signing after the overlap, and retires the current one once the tokens it
 * signed have expired; then exits. Every node picks the change up from the database within
 * half a minute. With {@code --behalf.rotate-audit-key=true} it rotates the activity log's
 * checkpoint key instead: the old key stays published so its checkpoints still verify.
 */
@Component
@ConditionalOnExpression("${behalf.rotate-signing-key:false} or ${behalf.rotate-audit-key:false}")
class KeyRotationCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationCommand.class);

    private final SigningKeys keys;
    private final AuditKeys auditKeys;
    private final boolean audit;
    private final ConfigurableApplicationContext context;
    private final Duration overlap;
    private final Duration tokenLifetime;

    KeyRotationCommand(SigningKeys keys, AuditKeys auditKeys, ConfigurableApplicationContext context,
                       ServerSettings settings, IdentitySettings identity) {
        this.keys = keys;
        this.auditKeys = auditKeys;
        this.audit = settings.rotateAuditKey();
        this.context = context;
        this.overlap = settings.rotation().overlap();
        this.tokenLifetime = identity.accessTokenLifetime();
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (audit) {
            log.info("New audit checkpoint key {}; earlier keys stay published at /api/v1/activity/keys.", auditKeys.rotate());
            System.exit(SpringApplication.exit(context, () -> 0));
            return;
        }
        // The old key stays published until the last token it signed has expired: access tokens,
        // delegation tokens (at most ten minutes) and ID tokens, which clients verify too.
        Duration longest = tokenLifetime.compareTo(SigningKeys.ID_TOKEN_LIFETIME) > 0 ? tokenLifetime : SigningKeys.ID_TOKEN_LIFETIME;
        String kid = keys.rotate(overlap, longest.plusMinutes(1));
        log.info("New signing key {} is published now and signs from {} on; the previous key is retired {} after that.",
                kid, overlap, longest.plusMinutes(1));
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
