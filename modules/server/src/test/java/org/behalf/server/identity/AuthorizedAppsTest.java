package org.behalf.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.SignedIntrospection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "Apps with access to your account" (issue 19, DESIGN.md section 6): a member sees the third-party
 * apps they allowed on the consent page, in the catalog's words, and withdraws one; its access and
 * refresh tokens are refused from the next request (DESIGN.md section 2 rule 5). Only the member's
 * own session may do either: a delegate's or an app's attempt is refused and recorded, and an app the
 * member never allowed is a 404 in words, recorded too (docs/security.md rule 20). These stay here,
 * not in identity's slice: each reads its attempt back from the activity API, and a delegate's
 * attempt needs a real grant and delegation token.
 */
class AuthorizedAppsTest extends ServerTest {

    private static final String APPS = "/api/v1/apps/authorized";
    private static final String REDIRECT = "http://127.0.0.1:9/cb";

    private Http http;
    private JsonNode app;
    private Members.Member member;

    @BeforeEach
    void anAppAndAMemberWhoAllowedIt() {
        http = new Http(baseUrl());
        Members.Member integrator = Members.create(baseUrl(), "appi");
        Http.Response created = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Calendar Helper",
                "redirectUris", List.of(REDIRECT), "scopes", List.of("profile:read", "contacts:read")));
        assertThat(created.status()).isEqualTo(201);
        app = created.json();
        member = Members.create(baseUrl(), "appm");
    }

    @Test
    void aMemberSeesTheAppInWordsWithdrawsItAndItsAccessAndRefreshTokensAreRefusedAtOnce() {
        JsonNode tokens = Members.appTokens(baseUrl(), app, REDIRECT, member, "profile:read contacts:read");
        String appToken = tokens.path("access_token").asString();
        assertThat(http.get("/api/v1/profile", appToken).status()).isEqualTo(200);

        JsonNode listed = http.get(APPS, member.accessToken()).json().path("items");
        assertThat(listed).hasSize(1);
        JsonNode allowed = listed.get(0);
        assertThat(allowed.path("clientId").asString()).isEqualTo(clientId());
        assertThat(allowed.path("name").asString()).isEqualTo("Calendar Helper");
        Map<String, String> words = catalogWords();
        assertThat(allowed.path("permissions").valueStream().map(p -> p.path("description").asString()).toList())
                .containsExactly(words.get("profile:read"), words.get("contacts:read"));
        assertThat(allowed.path("authorizedAt").asString()).isNotBlank();
        assertThat(allowed.path("lastUsed").asString()).isNotBlank();

        assertThat(http.delete(APPS + "/" + clientId(), member.accessToken()).status()).isEqualTo(204);

        assertThat(http.get("/api/v1/profile", appToken).status()).as("the app's access token, at once").isEqualTo(401);
        Http.Response refreshed = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token",
                "refresh_token", tokens.path("refresh_token").asString()), basic());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(400);
        assertThat(refreshed.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get(APPS, member.accessToken()).json().path("items")).isEmpty();
        assertThat(http.get("/api/v1/account/sessions", member.accessToken()).json().path("items").valueStream()
                .map(s -> s.path("clientId").asString("")).toList()).doesNotContain(clientId());

        JsonNode entry = entry(member, "success", "holder");
        assertThat(entry).as("the withdrawal is in the member's log").isNotNull();
        assertThat(entry.path("target").path("id").asString()).isEqualTo(clientId());
        assertThat(entry.toString()).doesNotContain(appToken).doesNotContain(tokens.path("refresh_token").asString());
        // Withdrawn is withdrawn: a second time finds nothing to withdraw.
        assertThat(http.delete(APPS + "/" + clientId(), member.accessToken()).status()).isEqualTo(404);
    }

    /**
     * Allowing an app on the consent page is in the member's log, as withdrawing it is, in the same
     * shape: the app and the scopes before and after (black-box finding F15, 2026-12-07: only the
     * withdrawal was recorded, so a person tricked into allowing an app found no trace of when).
     */
    @Test
    void allowingAnAppAndAllowingItMoreAreInTheMembersLog() {
        Members.appTokens(baseUrl(), app, REDIRECT, member, "profile:read");
        List<JsonNode> allowed = allowEntries();
        assertThat(allowed).hasSize(1);
        JsonNode first = allowed.get(0);
        assertThat(first.path("outcome").asString()).isEqualTo("success");
        assertThat(first.path("actor").path("kind").asString()).isEqualTo("holder");
        assertThat(first.path("target").path("id").asString()).isEqualTo(clientId());
        assertThat(first.path("changes").toString()).isEqualTo("[{\"after\":\"Calendar Helper\",\"before\":null,\"field\":\"app\"},"
                + "{\"after\":[\"profile:read\"],\"before\":null,\"field\":\"scopes\"}]");

        Members.appTokens(baseUrl(), app, REDIRECT, member, "profile:read");
        assertThat(allowEntries()).as("nothing new allowed, nothing recorded").hasSize(1);
        Members.appTokens(baseUrl(), app, REDIRECT, member, "profile:read contacts:read");
        allowed = allowEntries();
        assertThat(allowed).hasSize(2);
        assertThat(allowed.get(0).path("changes").get(1).toString())
                .isEqualTo("{\"after\":[\"contacts:read\",\"profile:read\"],\"before\":[\"profile:read\"],\"field\":\"scopes\"}");
    }

    @Test
    void aDelegateAndTheAppCannotWithdrawNorListAnotherMembersAppIsNotFoundAndEachAttemptIsRecorded() {
        String appToken = Members.appTokens(baseUrl(), app, REDIRECT, member, "profile:read").path("access_token").asString();
        Members.Member helper = Members.create(baseUrl(), "apph");
        String delegation = Delegations.delegationToken(http, Delegations.activeGrant(http, member, helper, List.of("profile:read")),
                helper);

        // A delegate: never delegable (who may act on the account is the holder's to decide).
        assertThat(http.delete(APPS + "/" + clientId(), delegation).status()).isEqualTo(403);
        assertThat(http.get(APPS, delegation).status()).isEqualTo(403);
        assertThat(entry(member, "denied", "delegate")).as("the delegate's attempt is in the member's log").isNotNull();
        // The app itself: it may not end its own access in the member's name, nor see the member's other apps.
        Http.Response byApp = http.delete(APPS + "/" + clientId(), appToken);
        assertThat(byApp.status()).isEqualTo(403);
        assertThat(byApp.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get(APPS, appToken).status()).isEqualTo(403);
        assertThat(entry(member, "denied", "app")).as("the app's attempt is in the member's log").isNotNull();

        // Another member who never allowed it, an id nobody has, and Behalf's own client: one 404, in words.
        Members.Member other = Members.create(baseUrl(), "appo");
        Http.Response probe = http.delete(APPS + "/" + clientId(), other.accessToken());
        assertThat(probe.status()).isEqualTo(404);
        assertThat(probe.header("Content-Type")).startsWith("application/problem+json");
        assertThat(probe.json().path("detail").asString()).isEqualTo("You have not allowed an app with this id; nothing was changed.");
        // A blank id (%20) is one nobody has too: it answered 500 (black-box finding).
        for (String id : List.of("cli_nobodyhasthisid", "behalf-cli", "%20", "%20%20")) {
            Http.Response missing = http.delete(APPS + "/" + id, other.accessToken());
            assertThat(missing.status()).isEqualTo(404);
            assertThat(withoutInstance(missing.json())).as(id).isEqualTo(withoutInstance(probe.json()));
        }
        assertThat(entry(other, "denied", "holder")).as("the probe is in the prober's own log").isNotNull();

        // Nothing changed: still allowed, its token still works.
        assertThat(http.get(APPS, member.accessToken()).json().path("items")).hasSize(1);
        assertThat(http.get("/api/v1/profile", appToken).status()).isEqualTo(200);
    }

    /**
     * A delegate's app holds delegation tokens for the holders they help (it exchanged the delegate's
     * token for them): withdrawing consent ends those too, at once, and the app can exchange no more.
     */
    @Test
    void aDelegateWithdrawingConsentAlsoEndsTheDelegationTokensTheAppGotWithTheirToken() {
        Members.Member integrator = Members.create(baseUrl(), "appi");
        JsonNode assistantApp = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Assistant Desk",
                "redirectUris", List.of(REDIRECT), "scopes", List.of("profile:read", "delegation:act"),
                "grantTypes", List.of("authorization_code", "urn:ietf:params:oauth:grant-type:token-exchange"))).json();
        Members.Member helper = Members.create(baseUrl(), "apph");
        String grant = Delegations.activeGrant(http, member, helper, List.of("profile:read"));
        String actor = Members.appTokens(baseUrl(), assistantApp, REDIRECT, helper, "profile:read delegation:act")
                .path("access_token").asString();
        String appBasic = SignedIntrospection.basic(assistantApp);
        Http.Response exchanged = exchange(grant, actor, appBasic);
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        String delegation = exchanged.json().path("access_token").asString();
        assertThat(http.get("/api/v1/profile", delegation).json().path("id").asString()).isEqualTo(member.id());

        assertThat(http.delete(APPS + "/" + assistantApp.path("clientId").asString(), helper.accessToken()).status()).isEqualTo(204);

        assertThat(http.get("/api/v1/profile", delegation).status()).as("the delegation token, at once").isEqualTo(401);
        assertThat(exchange(grant, actor, appBasic).status()).isIn(400, 401);
        // The grant itself is the holder's and stays: the helper still works through their own sign-in.
        assertThat(http.get("/api/v1/profile", Delegations.delegationToken(http, grant, helper)).status()).isEqualTo(200);
    }

    /**
     * RFC 9700 section 4.14.2, docs/security.md rule 15: a reused refresh token is taken as theft and
     * ends every token of its sign-in, and so the delegation tokens the app got with that sign-in's
     * access tokens as well, as a withdrawn consent does; they kept working until they expired
     * (black-box finding).
     */
    @Test
    void aReusedRefreshTokenAlsoEndsTheDelegationTokensTheAppGotWithTheSignIn() {
        Members.Member integrator = Members.create(baseUrl(), "theftappi");
        JsonNode assistantApp = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Assistant Desk",
                "redirectUris", List.of(REDIRECT), "scopes", List.of("profile:read", "delegation:act"), "grantTypes",
                List.of("authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:token-exchange"))).json();
        Members.Member helper = Members.create(baseUrl(), "thefth");
        String grant = Delegations.activeGrant(http, member, helper, List.of("profile:read"));
        String firstRefresh = Members.appTokens(baseUrl(), assistantApp, REDIRECT, helper, "profile:read delegation:act")
                .path("refresh_token").asString();
        String appBasic = SignedIntrospection.basic(assistantApp);
        Map<String, String> refresh = Members.ordered("grant_type", "refresh_token", "refresh_token", firstRefresh);
        Http.Response rotated = http.form("/oauth2/token", refresh, appBasic);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        Http.Response exchanged = exchange(grant, rotated.json().path("access_token").asString(), appBasic);
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        String delegation = exchanged.json().path("access_token").asString();
        assertThat(http.get("/api/v1/profile", delegation).status()).isEqualTo(200);

        Http.Response reused = http.form("/oauth2/token", refresh, appBasic);

        assertThat(reused.json().path("error").asString()).as(reused.toString()).isEqualTo("invalid_grant");
        assertThat(http.get("/api/v1/profile", delegation).status()).as("the delegation token, at once").isEqualTo(401);
        // The grant itself is the holder's and stays: the helper still works through their own sign-in.
        assertThat(http.get("/api/v1/profile", Delegations.delegationToken(http, grant, helper)).status()).isEqualTo(200);
    }

    /** RFC 8693 as the app itself asks: its own client authentication, the delegate's token from it as actor. */
    private Http.Response exchange(String grant, String actor, String appBasic) {
        return http.form("/oauth2/token", Members.ordered("grant_type", Delegations.EXCHANGE, "subject_token", grant,
                "subject_token_type", Delegations.GRANT_TYPE, "actor_token", actor, "actor_token_type", Delegations.ACCESS_TOKEN_TYPE),
                appBasic);
    }

    /** The answer but the path it was asked at. */
    private static JsonNode withoutInstance(JsonNode problem) {
        tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) problem).deepCopy();
        copy.remove("instance");
        return copy;
    }

    private String clientId() {
        return app.path("clientId").asString();
    }

    private String basic() {
        return SignedIntrospection.basic(app);
    }

    private Map<String, String> catalogWords() {
        Map<String, String> words = new HashMap<>();
        for (JsonNode scope : http.get("/api/v1/scopes", null).json().path("items")) {
            words.put(scope.path("name").asString(), scope.path("description").asString());
        }
        return words;
    }

    /** The member's app.allow entries, newest first. */
    private List<JsonNode> allowEntries() {
        return http.get("/api/v1/activity?limit=100", member.accessToken()).json().path("items").valueStream()
                .filter(entry -> "app.allow".equals(entry.path("action").asString())).toList();
    }

    private JsonNode entry(Members.Member account, String outcome, String actorKind) {
        for (JsonNode entry : http.get("/api/v1/activity?limit=100", account.accessToken()).json().path("items")) {
            if ("app.withdraw".equals(entry.path("action").asString()) && outcome.equals(entry.path("outcome").asString())
                    && actorKind.equals(entry.path("actor").path("kind").asString())) {
                return entry;
            }
        }
        return null;
    }
}
