package org.behalf.identity.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rotation with overlap (issue 3): the new key is published, then signs; tokens of the old one stay valid. */
class KeyRotationTest extends IdentitySlice {

    @Autowired
    private SigningKeys keys;
    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void afterARotationNewTokensUseTheNewKeyAndEarlierTokensStillWork() {
        Http http = new Http(baseUrl());
        Member before = Members.create(baseUrl(), "rotate");
        String oldKid = kid(before.accessToken());

        String newKid = keys.rotate(Duration.ZERO, Duration.ofMinutes(11));
        assertThat(keys.signing().getKeyID()).as(() -> "this node signs with the new key at once; now " + java.time.Instant.now()
                + " keys " + jdbc.queryForList("SELECT kid, published_at, active_at, retired_at FROM identity_signing_key"))
                .isEqualTo(newKid);

        List<String> published = new ArrayList<>();
        http.get("/oauth2/jwks", null).json().path("keys").forEach(key -> published.add(key.path("kid").asString()));
        assertThat(published).contains(oldKid, newKid);
        Member after = Members.create(baseUrl(), "rotate");
        assertThat(kid(after.accessToken())).isEqualTo(newKid);
        assertThat(http.get("/api/v1/profile", before.accessToken()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/profile", after.accessToken()).status()).isEqualTo(200);
    }

    private static String kid(String jwt) {
        return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8))
                .path("kid").asString();
    }
}
