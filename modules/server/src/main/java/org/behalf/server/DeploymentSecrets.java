package org.behalf.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.behalf.audit.api.KeyEncryptionSettings;
import org.behalf.identity.api.Deployment;
import org.behalf.identity.api.IdentitySettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.stereotype.Component;

/**
 * Outside development, the server does not start on development secrets (docs/security.md rule 38).
 * Without {@code BEHALF_CONSOLE_CLIENT_SECRET} the console client's secret is a published one, so
 * anyone could take console tokens and name the browser address a grant's IP ranges are checked
 * against; without {@code BEHALF_KEY_ENCRYPTION_KEY} the private keys are encrypted with a published
 * key; without {@code SPRING_MAIL_HOST} password-reset mail would go to the development mailbox,
 * which anyone can read; with {@code BEHALF_DEMO_DATA=true} it would make the demo members, whose passwords
 * are published, and log the demo client's secret (black-box finding, 2026-12-07: a deployment took it
 * without a word). Development is {@link Deployment#development}; a server without an issuer answers only
 * on this machine ({@link DevelopmentOnThisMachine}).
 */
@Component
class DeploymentSecrets {

    /** Boot's {@link MailProperties} exist only once a mail server is configured ({@code spring.mail.host}). */
    @Autowired
    DeploymentSecrets(IdentitySettings identity, KeyEncryptionSettings keyEncryption, ObjectProvider<MailProperties> mail,
                      ServerSettings server) {
        this(identity.issuer(), identity.consoleClientSecret(), keyEncryption.keyEncryptionKey(),
                mail.stream().map(MailProperties::getHost).filter(Objects::nonNull).findFirst().orElse(""), server.demoData());
    }

    DeploymentSecrets(String issuer, String consoleSecret, String keyEncryptionKey, String mailHost, boolean demoData) {
        if (Deployment.development(issuer)) {
            return;
        }
        if (demoData) {
            throw new IllegalStateException("The issuer " + issuer + " is not on this machine, so this is a deployment, and "
                    + "BEHALF_DEMO_DATA is true: the demo members' passwords are published and the demo client's secret would be "
                    + "logged. Remove BEHALF_DEMO_DATA (it is for scripts/run on this machine only).");
        }
        List<String> missing = new ArrayList<>();
        if (consoleSecret.isBlank()) {
            missing.add("BEHALF_CONSOLE_CLIENT_SECRET");
        }
        if (keyEncryptionKey.isBlank()) {
            missing.add("BEHALF_KEY_ENCRYPTION_KEY");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The issuer " + issuer + " is not on this machine, so this is a deployment, and "
                    + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not set: set each to a secret of its own (docs/deploy.md).");
        }
        // Without a mail server, password-reset mail goes to the development mailbox, a page anyone can read.
        if (mailHost.isBlank()) {
            throw new IllegalStateException("The issuer " + issuer + " is not on this machine, so this is a deployment, and "
                    + "SPRING_MAIL_HOST is not set: password-reset mail needs a mail server (docs/console.md).");
        }
    }
}
