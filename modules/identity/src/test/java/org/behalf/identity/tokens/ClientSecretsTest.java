package org.behalf.identity.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** A rotated secret: the old one works through its grace period and not a second longer (issue 18). */
class ClientSecretsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void theOldSecretWorksUntilItsGraceEndsAndAnOlderOneNeverAgain() {
        ClientSecrets now = new ClientSecrets(Clock.fixed(NOW, ZoneOffset.UTC));
        String first = ClientSecrets.generate();
        String second = ClientSecrets.generate();
        String third = ClientSecrets.generate();
        String stored = now.rotated(second, now.encode(first), NOW.plus(Duration.ofHours(24)));

        assertThat(stored.length()).as("fits the registered-client table's column").isLessThanOrEqualTo(200);
        assertThat(now.matches(second, stored)).isTrue();
        assertThat(now.matches(first, stored)).as("in its grace").isTrue();
        assertThat(now.previousUntil(stored)).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(now.matches("not the secret", stored)).isFalse();

        ClientSecrets later = new ClientSecrets(Clock.fixed(NOW.plus(Duration.ofHours(24)), ZoneOffset.UTC));
        assertThat(later.matches(first, stored)).as("the grace has ended").isFalse();
        assertThat(later.matches(second, stored)).isTrue();
        assertThat(later.previousUntil(stored)).isNull();

        String again = now.rotated(third, stored, NOW.plus(Duration.ofHours(24)));
        assertThat(now.matches(first, again)).as("only the secret just replaced keeps a grace").isFalse();
        assertThat(now.matches(second, again)).isTrue();
        assertThat(now.matches(third, again)).isTrue();

        String leaked = now.rotated(third, stored, NOW);
        assertThat(now.matches(second, leaked)).as("no grace: the old one ends at once").isFalse();
        assertThat(now.matches(third, leaked)).isTrue();
    }

    @Test
    void aForgedGraceInTheGivenSecretMatchesNothing() {
        ClientSecrets now = new ClientSecrets(Clock.fixed(NOW, ZoneOffset.UTC));
        String secret = ClientSecrets.generate();
        String stored = now.encode(secret);
        assertThat(now.matches(secret + " " + stored + ";until=9999999999", stored)).isFalse();
        assertThat(now.matches("", stored)).isFalse();
    }
}
