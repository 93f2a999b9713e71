package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** docs/security.md rule 40: text that is not Unicode is refused naming its field, changes nothing, and the refusal is recorded. */
class BadTextTest extends ServerTest {

    @Test
    void halfASurrogatePairIsRefusedNamingTheFieldAndTheLogSaysSo() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "surhold");
        Member helper = Members.create(baseUrl(), "surhelp");
        String token = Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper,
                List.of("profile:read", "profile:write")), helper);
        String before = http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString();

        // Written as JSON escapes, as a script would send them: \ud800 alone is half of a pair.
        RawHttp.Response lone = RawHttp.send(port, "PATCH", "/api/v1/profile", token, "{\"headline\":\"x\\ud800y\"}");
        RawHttp.Response reversed = RawHttp.send(port, "PATCH", "/api/v1/profile", token, "{\"headline\":\"x\\udc00\\ud800y\"}");
        RawHttp.Response pair = RawHttp.send(port, "PATCH", "/api/v1/profile", token, "{\"headline\":\"x\\ud83d\\ude00y\"}");

        assertThat(lone.status()).as(lone.toString()).isEqualTo(400);
        assertThat(lone.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Http.JSON.readTree(lone.body()).path("field").asString()).isEqualTo("headline");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(pair.status()).as("a whole pair is an emoji, and fine").isEqualTo(200);
        JsonNode stored = http.get("/api/v1/profile", holder.accessToken()).json();
        assertThat(stored.path("headline").asString()).isEqualTo("x\uD83D\uDE00y").isNotEqualTo(before);
        List<JsonNode> entries = new java.util.ArrayList<>();
        http.get("/api/v1/activity?limit=3", holder.accessToken()).json().path("items").forEach(entries::add);
        assertThat(entries).extracting(entry -> entry.path("outcome").asString()).containsExactly("success", "error", "error");
        assertThat(entries.get(0).toString()).as("the log records what was stored").contains("x\uD83D\uDE00y");
    }

    /**
     * UTF-8 has one form for each character (RFC 3629 section 3); the parser decoded the overlong
     * {@code C0 BC} as {@code <} and {@code E0 80 AF} as {@code /}, and stored them (black-box testing,
     * 2026-12-06), past anything that looks at the bytes.
     */
    @Test
    void anOverlongUtf8FormInAJsonBodyIsRefusedAndRecorded() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "ovlhold");
        Member helper = Members.create(baseUrl(), "ovlhelp");
        String token = Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper,
                List.of("profile:read", "profile:write")), helper);
        String before = http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString();
        for (byte[] overlong : List.of(new byte[] {(byte) 0xC0, (byte) 0xBC}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF})) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"headline\":\"x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(overlong);
            body.writeBytes("y\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Http.Response answer = http.send(http.request("/api/v1/profile", token).header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.json().path("detail").asString()).isEqualTo("The body is not UTF-8 text.");
            assertRecordedAsBadInputOnTheProfile(http, holder, helper, answer);
        }
        // A body in another charset, and a pattern where the body's one type belongs (black-box finding 6).
        for (String type : List.of("application/json;charset=utf-16", "*/*")) {
            Http.Response answer = http.send(http.request("/api/v1/profile", token).header("Content-Type", type)
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"headline\":\"x\"}",
                            java.nio.charset.StandardCharsets.UTF_16)).build());
            assertThat(answer.status()).as(type + ": " + answer).isIn(400, 415);
            assertRecordedAsBadInputOnTheProfile(http, holder, helper, answer);
        }
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo(before);
    }

    /**
     * Bad input on the endpoint it was sent to: the endpoint's action, {@code error} (docs/activity-log.md). It was
     * {@code api.request}, {@code denied}, "an address that is no endpoint" refused by a rule (black-box finding 6).
     */
    private static void assertRecordedAsBadInputOnTheProfile(Http http, Member holder, Member helper, Http.Response answer) {
        JsonNode entry = RecordedRequests.entry(http, holder, answer.header("X-Request-Id"));
        assertThat(entry.path("actor").path("id").asString()).as(entry.toString()).isEqualTo(helper.id());
        assertThat(entry.path("action").asString() + " " + entry.path("outcome").asString()).as(entry.toString())
                .isEqualTo("profile.update error");
    }

    /**
     * A grant's terms are shown to the delegate and its note to the holder: a control character there
     * is refused as in a profile (found by black-box testing: an escape and a NUL were stored).
     */
    @Test
    void aControlCharacterInAGrantsNoteOrTermsIsRefusedNamingTheField() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "ctlhold");
        Member helper = Members.create(baseUrl(), "ctlhelp");
        for (Map.Entry<String, String> field : List.of(Map.entry("terms", "a\u0000b"), Map.entry("note", "a\u001b[2Jb"),
                Map.entry("note", "ring\u0007"))) {
            Http.Response created = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", helper.handle(),
                    "scopes", List.of("profile:read"), field.getKey(), field.getValue()));
            assertThat(created.status()).as(created.toString()).isEqualTo(400);
            assertThat(created.json().path("field").asString()).isEqualTo(field.getKey());
            assertThat(created.json().path("detail").asString()).isEqualTo("Control characters are not allowed.");
        }
        assertThat(http.get("/api/v1/delegations", holder.accessToken()).json().path("items")).isEmpty();
    }

    /**
     * Black-box findings, 2026-12-07: an app's name, shown on the consent page, took a NUL, a
     * right-to-left override ("\u202eppa" reads as another name) and names of invisible characters
     * only.
     */
    @Test
    void anAppNameThatReadsAsAnotherOrAsNothingIsRefused() {
        Http http = new Http(baseUrl());
        Member integrator = Members.create(baseUrl(), "namer");
        Map<String, String> names = Map.of("a\u0000b", "Write it on one line, without control characters.",
                "a\u2028b", "Write it on one line, without control characters.",
                "\u202eppa", "Characters that turn the direction of the text around are not allowed in a name.",
                "\u200b", "A name needs a visible character.", "\ufeff\u200b", "A name needs a visible character.");
        names.forEach((name, words) -> {
            Http.Response refused = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", name,
                    "grantTypes", List.of("client_credentials"), "scopes", List.of("profile:read")));
            assertThat(refused.status()).as(name + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo("name");
            assertThat(refused.json().path("detail").asString()).isEqualTo(words);
        });
        assertThat(http.get("/api/v1/clients", integrator.accessToken()).json().path("items")).isEmpty();
        assertThat(http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Planner \uD83D\uDCC5 עברית",
                "grantTypes", List.of("client_credentials"), "scopes", List.of("profile:read"))).status())
                .as("letters of any script and an emoji are a name").isEqualTo(201);

    }

    /** RFC 8259 section 4: a field given twice is refused naming it, never read as its last value (black-box finding). */
    @Test
    void aFieldGivenTwiceInOneObjectIsRefusedNamingIt() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "dupkey");
        for (Map.Entry<String, String> sent : List.of(Map.entry("{\"name\":\"dupe\",\"name\":\"Other\"}", "name"),
                Map.entry("{\"name\":\"Ada\",\"emails\":[\"a@x.example\"],\"emails\":[]}", "emails"))) {
            Http.Response refused = http.send(http.request("/api/v1/contacts", holder.accessToken())
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(sent.getKey())).build());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo(sent.getValue());
            assertThat(refused.json().path("detail").asString()).isEqualTo("This field is given twice; give it once.");
        }
        Http.Response nested = http.send(http.request("/api/v1/profile", holder.accessToken()).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"positions\":[{\"title\":\"a\",\"title\":\"b\",\"start\":\"2020-01\"}]}")).build());
        assertThat(nested.status()).as(nested.toString()).isEqualTo(400);
        assertThat(nested.json().path("field").asString()).isEqualTo("positions[0].title");
        assertThat(http.get("/api/v1/contacts", holder.accessToken()).json().path("items")).isEmpty();
    }

    /** A browser sends a textarea's line breaks as CRLF; they are line breaks, stored and shown as such. */
    @Test
    void aLineBreakTypedInABrowserIsStoredAsALineBreak() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "crlfhold");

        Http.Response saved = http.patch("/api/v1/profile", holder.accessToken(), java.util.Map.of("summary", "First line\r\nSecond line\rThird"));

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("summary").asString())
                .isEqualTo("First line\nSecond line\nThird");
    }

    /**
     * A limit said in characters counts characters as the database column does (code points), not
     * UTF-16 units: 111 emoji were refused as over "At most 220 characters." (black-box findings,
     * 2026-12-07: network 5, console 15).
     */
    @Test
    void aLimitInCharactersCountsAnEmojiAsOneCharacter() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "emohold");
        Member other = Members.create(baseUrl(), "emoother");
        String emoji = "\uD83D\uDE00";

        Http.Response atHeadline = http.patch("/api/v1/profile", holder.accessToken(), Map.of("headline", emoji.repeat(220)));
        Http.Response overHeadline = http.patch("/api/v1/profile", holder.accessToken(), Map.of("headline", emoji.repeat(221)));
        Http.Response overNote = http.post("/api/v1/invitations", holder.accessToken(), Map.of("to", other.id(), "message", emoji.repeat(301)));
        Http.Response atNote = http.post("/api/v1/invitations", holder.accessToken(), Map.of("to", other.id(), "message", emoji.repeat(300)));
        Http.Response atSearch = http.get("/api/v1/network/search?q=" + java.net.URLEncoder.encode(emoji.repeat(100),
                java.nio.charset.StandardCharsets.UTF_8), holder.accessToken());
        Http.Response overSearch = http.get("/api/v1/network/search?q=" + java.net.URLEncoder.encode(emoji.repeat(101),
                java.nio.charset.StandardCharsets.UTF_8), holder.accessToken());

        assertThat(atHeadline.status()).as(atHeadline.toString()).isEqualTo(200);
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo(emoji.repeat(220));
        assertThat(overHeadline.status()).as(overHeadline.toString()).isEqualTo(400);
        assertThat(overHeadline.json().path("detail").asString()).isEqualTo("At most 220 characters.");
        assertThat(atNote.status()).as(atNote.toString()).isEqualTo(201);
        assertThat(overNote.status()).as(overNote.toString()).isEqualTo(400);
        assertThat(overNote.json().path("detail").asString()).isEqualTo("A note has at most 300 characters.");
        assertThat(atSearch.status()).as(atSearch.toString()).isEqualTo(200);
        assertThat(overSearch.status()).as(overSearch.toString()).isEqualTo(400);
        assertThat(overSearch.json().path("detail").asString()).isEqualTo("At most 100 characters.");
    }
}
