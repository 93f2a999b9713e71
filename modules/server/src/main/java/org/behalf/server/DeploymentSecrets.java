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
 * which anyone can read. Development is {@link Deployment#development}.
 */
@Component
class DeploymentSecrets {

    /** Boot's {@link MailProperties} exist only once a mail server is configured ({@code spring.mail.host}). */
    @Autowired
    DeploymentSecrets(IdentitySettings identity, KeyEncryptionSettings keyEncryption, ObjectProvider<MailProperties> mail) {
        this(identity.issuer(), identity.consoleClientSecret(), keyEncryption.keyEncryptionKey(),
                mail.stream().map(MailProperties::getHost).filter(Objects::nonNull).findFirst().orElse(""));
    }

    DeploymentSecrets(String issuer, String consoleSecret, String keyEncryptionKey, String mailHost) {
        if (Deployment.development(issuer)) {
            return;
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
