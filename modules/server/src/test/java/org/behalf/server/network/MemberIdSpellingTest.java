package org.behalf.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;

/**
 * A member id a caller names to the network is one string (DESIGN.md section 3; docs/security.md rule
 * 26): the same id with trailing spaces, which every MySQL collation pads, is no member. The network
 * asked identity for the member, found it, and took the caller's spelling as the member's id: the
 * profile answered, and a block was stored under that spelling (black-box finding, 2026-12-07). The
 * network's own tables and other spellings (case, accents) are {@code IdCollationTest} in {@code modules/network}.
 */
class MemberIdSpellingTest extends NetworkServerTest {

    @Test
    void aMemberIdWithTrailingSpacesIsNoMember() {
        Member ann = Members.create(baseUrl(), "spell");
        Member bob = Members.create(baseUrl(), "spell");
        String padded = bob.id() + "%20%20";

        assertThat(http.get("/api/v1/members/" + padded, ann.accessToken()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/members/" + padded + "/degree", ann.accessToken()).status()).isEqualTo(404);
        Http.Response block = http.post("/api/v1/blocks", ann.accessToken(), Map.of("memberId", bob.id() + "  "));
        assertThat(block.status()).isEqualTo(400);
        assertThat(block.header("Content-Type")).startsWith("application/problem+json");
        assertThat(block.json().path("detail").asString()).isEqualTo("No member to block by that id.");

        assertThat(NetworkFixture.items(http.get("/api/v1/blocks", ann.accessToken()))).isEmpty();
        assertThat(http.get("/api/v1/members/" + bob.id(), ann.accessToken()).json().path("id").asString()).isEqualTo(bob.id());
    }
}
