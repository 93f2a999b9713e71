package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.behalf.identity.api.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** docs/security.md rule 38: a deployment refuses to start on the development secrets. */
class DeploymentSecretsTest {

    @Test
    void aServerWithAPublicIssuerAndNoSecretsDoesNotStartAndSaysWhatIsMissing() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(BehalfApplication.class).run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:secrets;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE,KEY",
                "--behalf.identity.issuer=https://id.example.com", "--behalf.key-encryption-key=", "--behalf.identity.console-client-secret="))
                .rootCause().hasMessageContaining("BEHALF_CONSOLE_CLIENT_SECRET and BEHALF_KEY_ENCRYPTION_KEY are not set");
    }

    @Test
    void developmentIsAnIssuerOnLoopbackOrNone() {
        assertThat(Deployment.development("")).isTrue();
        assertThat(Deployment.development("http://localhost:8080")).isTrue();
        assertThat(Deployment.development("http://127.0.0.1:8080")).isTrue();
        assertThat(Deployment.development("http://[::1]:8080")).isTrue();
        assertThat(Deployment.development("https://id.example.com")).isFalse();
        assertThat(Deployment.development("https://127.0.0.1.example.com")).isFalse();
        assertThat(Deployment.development("https://10.0.0.5")).isFalse();
    }

    @Test
    void aDeploymentWithBothSecretsStarts() {
        new DeploymentSecrets("https://id.example.com", "a console secret", "a key-encryption key", "smtp.example.com", false);
    }

    /** Black-box finding, 2026-12-07: a deployment made the demo members, published passwords and all, and logged a client secret. */
    @Test
    void aDeploymentWithDemoDataDoesNotStartAndNamesTheSetting() {
        assertThatThrownBy(() -> new DeploymentSecrets("https://id.example.com", "a console secret", "a key-encryption key",
                "smtp.example.com", true)).hasMessageContaining("BEHALF_DEMO_DATA is true").hasMessageContaining("Remove BEHALF_DEMO_DATA");
        new DeploymentSecrets("http://127.0.0.1:8080", "", "", "", true);
        new DeploymentSecrets("", "", "", "", true);
    }

    @Test
    void aDeploymentWithoutAMailServerDoesNotStart() {
        assertThatThrownBy(() -> new DeploymentSecrets("https://id.example.com", "a console secret", "a key-encryption key", "", false))
                .hasMessageContaining("SPRING_MAIL_HOST is not set");
    }
}
