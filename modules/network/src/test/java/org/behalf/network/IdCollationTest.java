package org.behalf.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.kernel.slice.ServerDefaultsSchema;
import org.behalf.testing.Http;
import org.behalf.testing.IdSpellings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * docs/security.md rule 26: an id a path names is one string (DESIGN.md section 3), also on a
 * database created with the server's defaults, whose collation ignores case and accents, not only on
 * the tests' binary schemas (black-box finding, 2026-12-07: another spelling of a contact's id found the
 * contact, and that spelling became the answer's id and the target of the holder's log). Each id here
 * is asked for in other spellings (a letter of its random part in the other case, and with trailing
 * spaces, which every MySQL collation pads) and finds nothing, changes nothing.
 */
@Import(ServerDefaultsSchema.class)
class IdCollationTest extends NetworkSlice {

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void onTheServersDefaultCollation() {
        assertThat(jdbc.queryForObject("SELECT DATABASE()", String.class)).isEqualTo(ServerDefaultsSchema.DATABASE.schema());
        assertThat(jdbc.queryForObject("SELECT @@collation_database", String.class)).isNotEqualTo("utf8mb4_bin");
    }

    @Test
    void aContactIdInAnotherSpellingIsNoContact() {
        String id = http.post("/api/v1/contacts", member, Map.of("name", "Ann Lee", "company", "Acme")).json().path("id").asString();

        for (String other : IdSpellings.inUrls(id)) {
            assertThat(http.get("/api/v1/contacts/" + other, member).status()).as(other).isEqualTo(404);
            assertThat(http.patch("/api/v1/contacts/" + other, member, Map.of("company", "Other")).status()).as(other).isEqualTo(404);
            assertThat(http.post("/api/v1/contacts/" + other + "/interactions", member,
                    Map.of("kind", "call", "date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), "summary", "Talked")).status()).as(other).isEqualTo(404);
            assertThat(http.get("/api/v1/contacts/" + other + "/interactions", member).status()).as(other).isEqualTo(404);
            assertThat(http.delete("/api/v1/contacts/" + other, member).status()).as(other).isEqualTo(404);
        }
        Http.Response contact = http.get("/api/v1/contacts/" + id, member);
        assertThat(contact.json().path("company").asString()).isEqualTo("Acme");
        assertThat(items(http.get("/api/v1/contacts/" + id + "/interactions", member))).isEmpty();
    }

    @Test
    void anInvitationIdInAnotherSpellingIsNoInvitation() {
        Member ann = signUp("ann");
        Member bob = signUp("bob");
        String id = http.post("/api/v1/invitations", ann.token(), Map.of("to", bob.id())).json().path("id").asString();

        for (String other : IdSpellings.inUrls(id)) {
            for (String answer : List.of("accept", "decline", "ignore")) {
                assertThat(http.post("/api/v1/invitations/" + other + "/" + answer, bob.token(), null).status()).as(other + answer).isEqualTo(404);
            }
            assertThat(http.delete("/api/v1/invitations/" + other, ann.token()).status()).as(other).isEqualTo(404);
        }
        Http.Response accepted = http.post("/api/v1/invitations/" + id + "/accept", bob.token(), null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().path("id").asString()).isEqualTo(id);
    }

    @Test
    void aConversationIdInAnotherSpellingIsNoConversation() {
        Member ann = signUp("ann");
        Member bob = signUp("bob");
        connect(ann, bob);
        String id = http.post("/api/v1/conversations", ann.token(), Map.of("to", bob.id(), "body", "Hello"))
                .json().path("conversationId").asString();

        for (String other : IdSpellings.inUrls(id)) {
            assertThat(http.get("/api/v1/conversations/" + other + "/messages", bob.token()).status()).as(other).isEqualTo(404);
            assertThat(http.post("/api/v1/conversations/" + other + "/messages", bob.token(), Map.of("body", "Hi")).status())
                    .as(other).isEqualTo(404);
            assertThat(http.post("/api/v1/conversations/" + other + "/read", bob.token(), null).status()).as(other).isEqualTo(404);
        }
        assertThat(items(http.get("/api/v1/conversations/" + id + "/messages", bob.token())))
                .extracting(m -> m.path("body").asString()).containsExactly("Hello");
    }

    /** Member ids are identity's; the network's connections and blocks name them, and compare them byte for byte too. */
    @Test
    void aMemberIdInAnotherSpellingRemovesNoConnectionNorBlock() {
        Member ann = signUp("ann");
        Member bob = signUp("bob");
        Member cal = signUp("cal");
        connect(ann, bob);
        assertThat(http.post("/api/v1/blocks", ann.token(), Map.of("memberId", cal.id())).status()).isEqualTo(204);

        for (String other : IdSpellings.inUrls(bob.id())) {
            assertThat(http.delete("/api/v1/connections/" + other, ann.token()).status()).as(other).isEqualTo(404);
            assertThat(http.get("/api/v1/members/" + other + "/degree", ann.token()).status()).as(other).isEqualTo(404);
        }
        for (String other : IdSpellings.inUrls(cal.id())) {
            assertThat(http.delete("/api/v1/blocks/" + other, ann.token()).status()).as(other).isEqualTo(404);
        }
        assertThat(items(http.get("/api/v1/connections", ann.token()))).extracting(c -> c.path("member").path("id").asString())
                .containsExactly(bob.id());
        assertThat(items(http.get("/api/v1/blocks", ann.token()))).extracting(m -> m.path("id").asString()).containsExactly(cal.id());
    }

    /**
     * Not an id, but the same database defaults: search still ignores case and accents there, and tells
     * one emoji from another, which utf8mb4_general_ci does not (black-box finding, console 19,
     * 2026-12-07: "🍕" found "Zoë 🦄").
     */
    @Test
    void aSearchForOneEmojiDoesNotFindAnother() {
        Member searcher = signUp("seeker");
        String surname = org.behalf.testing.Members.unique("Zed");
        String handle = org.behalf.testing.Members.unique("zoe");
        signUp(handle, "Zoë " + surname + " \uD83E\uDD84");

        assertThat(found(searcher, "zoe " + surname.toUpperCase(java.util.Locale.ROOT))).as("case and accents ignored").containsExactly(handle);
        assertThat(found(searcher, surname + " \uD83E\uDD84")).containsExactly(handle);
        assertThat(found(searcher, surname + " \uD83C\uDF55")).as("a pizza is no unicorn").isEmpty();
        assertThat(found(searcher, "\uD83C\uDF55")).doesNotContain(handle);
    }

    private List<String> found(Member searcher, String q) {
        return items(http.get("/api/v1/network/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8),
                searcher.token())).stream().map(hit -> hit.path("member").path("handle").asString()).toList();
    }
}
