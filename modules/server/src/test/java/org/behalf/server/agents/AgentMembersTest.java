package org.behalf.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Members of kind agent (DESIGN.md section 6, "AI assistants"; docs/security.md rule 43): created by
 * the person who runs them, shown with that person to a holder about to grant them, and signed in
 * only to act under grants: never the console, never more than {@code delegation:act}.
 */
class AgentMembersTest extends ServerTest {

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(baseUrl());
    }

    @Test
    void anOperatorCreatesAnAgentThatAHolderSeesWithItsOperator() {
        Member operator = Members.create(baseUrl(), "agop");
        String handle = Members.unique("agent");
        Http.Response created = agent(operator, handle, "Inbox helper");
        assertThat(created.json().path("kind").asString()).isEqualTo("agent");
        assertThat(created.json().path("operator").path("handle").asString()).isEqualTo(operator.handle());

        JsonNode listed = http.get("/api/v1/agents", operator.accessToken()).json().path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.path(0).path("handle").asString()).isEqualTo(handle);

        Member holder = Members.create(baseUrl(), "agholder");
        Http.Response seen = http.get("/api/v1/agents/" + handle, holder.accessToken());
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().path("displayName").asString()).isEqualTo("Inbox helper");
        assertThat(seen.json().path("operator").path("id").asString()).isEqualTo(operator.id());
        // A person's handle answers as one nobody has (SECURITY-CASES 27).
        assertThat(http.get("/api/v1/agents/" + operator.handle(), holder.accessToken()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/agents/" + Members.unique("nobody"), holder.accessToken()).status()).isEqualTo(404);
        // Another person does not see the operator's agents among theirs.
        assertThat(http.get("/api/v1/agents", holder.accessToken()).json().path("items")).isEmpty();
    }

    @Test
    void aTakenHandleAndAShortPasswordAreRefusedAndNothingIsCreated() {
        Member operator = Members.create(baseUrl(), "agop");
        Http.Response taken = http.post("/api/v1/agents", operator.accessToken(), Map.of("handle", operator.handle(),
                "displayName", "Copycat", "password", "long enough passphrase"));
        assertThat(taken.status()).isEqualTo(409);
        Http.Response weak = http.post("/api/v1/agents", operator.accessToken(), Map.of("handle", Members.unique("agent"),
                "displayName", "Weak", "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("field").asString()).isEqualTo("password");
        assertThat(http.get("/api/v1/agents", operator.accessToken()).json().path("items")).isEmpty();
    }

    /**
     * As at sign-up: every wrong field in one answer ({@code errors}, the first in {@code field} and {@code detail}), so
     * that the console's Assistants form names them all at once rather than one a submit.
     */
    @Test
    void anAgentWithSeveralWrongFieldsIsToldEveryProblemAtOnce() {
        Member operator = Members.create(baseUrl(), "agop");
        Http.Response refused = http.post("/api/v1/agents", operator.accessToken(), Map.of("handle", "a!", "displayName", "",
                "password", "short"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("field").asString()).isEqualTo("displayName");
        assertThat(refused.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                .containsExactly("displayName", "password", "handle");
        assertThat(refused.json().path("errors").get(2).path("detail").asString()).startsWith("A handle has 3 to 32 characters");
        assertThat(http.get("/api/v1/agents", operator.accessToken()).json().path("items")).isEmpty();
    }

    @Test
    void anAgentSignsInOnlyForDelegationActAndNeverToTheConsole() {
        Member operator = Members.create(baseUrl(), "agop");
        String handle = Members.unique("agent");
        String password = "agent passphrase " + handle;
        agent(operator, handle, "Bot");

        // Account scopes: refused back to the client with invalid_scope.
        String cli = "http://127.0.0.1:45678/callback";
        String location = Members.authorize(Members.browser(baseUrl(), handle, password), authorize(Members.CLI, cli,
                "profile:read delegation:act"), "profile:read delegation:act");
        assertThat(location).startsWith(cli).contains("error=invalid_scope").doesNotContain("code=");
        // The console's client: refused with access_denied.
        String console = "http://127.0.0.1:" + port + "/console/callback";
        location = Members.authorize(Members.browser(baseUrl(), handle, password), authorize("behalf-console", console,
                "delegation:act"), "delegation:act");
        assertThat(location).startsWith(console).contains("error=access_denied").doesNotContain("code=");
        // delegation:act alone: a token, which is all an agent needs to accept and exchange grants.
        JsonNode tokens = Members.signIn(baseUrl(), handle, password, "delegation:act");
        assertThat(tokens.path("scope").asString()).isEqualTo("delegation:act");
        assertThat(http.get("/api/v1/profile", tokens.path("access_token").asString()).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/agents", tokens.path("access_token").asString(), Map.of("handle", Members.unique("sub"),
                "displayName", "Sub", "password", "another long passphrase")).status()).isEqualTo(403);
    }

    /**
     * docs/agents.md: an assistant never signs in to the console. Its handle and password typed into
     * the console's sign-in (by its operator, on the page they just made it on) are told so in words,
     * with a way to sign out; the console sent the browser back to the authorization server, which
     * refused again, for ever (the browser's "too many redirects"; black-box finding, 2026-12-07, agents 3).
     */
    @Test
    void anAgentsPasswordTypedIntoTheConsoleIsToldInWordsNotSentRoundForEver() {
        Member operator = Members.create(baseUrl(), "agop");
        String handle = Members.unique("agent");
        String password = "agent passphrase " + handle;
        agent(operator, handle, "Bot");
        Http browser = Members.browser("http://127.0.0.1:" + port, handle, password);

        Http.Response answer = browser.get("/console", null);
        List<String> visited = new java.util.ArrayList<>();
        while (answer.status() == 302 && visited.size() < 12) {
            visited.add(answer.header("Location"));
            answer = browser.get(answer.header("Location"), null);
        }
        assertThat(answer.status()).as("after " + visited).isEqualTo(403);
        assertThat(answer.body()).contains("This account does not open the console")
                .contains("handle and password never open it").contains("id=\"sign-out-instead\"");

        // Signing out there ends the assistant's sign-in: the sign-in form is next, for the person's own.
        Map<String, String> form = Members.hidden(answer.body());
        Http.Response out = browser.form("/console/signout", form);
        assertThat(out.status()).as(out.toString()).isEqualTo(302);
        assertThat(out.header("Location")).contains("/login");
        Http.Response again = browser.get("/console", null);
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location")).endsWith("/login");
    }

    /**
     * An assistant nobody answers for any more stops: closing its operator's account closes it and ends
     * its grants and its tokens (docs/agents.md), the delegation tokens it holds for a holder's grant
     * too, for the API and for the MCP server: refused 401, and not recorded in the holder's log
     * (docs/delegation.md: a token not valid at all is not). They passed as valid until they expired,
     * each call recorded as the closed assistant's denied request (black-box finding, 2026-12-07).
     */
    @Test
    void closingTheOperatorsAccountClosesItsAgentsAndEndsTheirGrantsAndTokens() {
        Member operator = Members.create(baseUrl(), "agop");
        Member holder = Members.create(baseUrl(), "agholder");
        String handle = Members.unique("agent");
        String password = "agent passphrase " + handle;
        agent(operator, handle, "Bot");
        String agentToken = Members.signIn(baseUrl(), handle, password, "delegation:act").path("access_token").asString();
        String grant = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", handle,
                "scopes", List.of("profile:read"))).json().path("id").asString();
        assertThat(http.post("/api/v1/delegations/" + grant + "/accept", agentToken, null).status()).isEqualTo(200);
        Map<String, String> exchange = org.behalf.testing.Delegations.exchangeForm(grant, agentToken);
        String forApi = http.form("/oauth2/token", exchange).json().path("access_token").asString();
        exchange.put("resource", baseUrl() + "/mcp");
        java.net.http.HttpRequest call = http.request("/mcp", http.form("/oauth2/token", exchange).json().path("access_token").asString())
                .header("Content-Type", "application/json").setHeader("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_profile\",\"arguments\":{}}}"))
                .build();
        assertThat(http.get("/api/v1/profile", forApi).status()).isEqualTo(200);
        assertThat(http.send(call).json().path("result").path("isError").asBoolean()).isFalse();

        Http.Response closed = http.post("/api/v1/account/close", operator.accessToken(), Map.of("password", operator.password()));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(204);
        int recorded = http.get("/api/v1/activity?limit=100", holder.accessToken()).json().path("items").size();
        assertThat(http.get("/api/v1/profile", forApi).status()).isEqualTo(401);
        Http.Response overMcp = http.send(call);
        assertThat(overMcp.status()).as(overMcp.toString()).isEqualTo(401);
        assertThat(http.get("/api/v1/activity?limit=100", holder.accessToken()).json().path("items").size())
                .as("refused before anything is recorded").isEqualTo(recorded);

        JsonNode given = http.get("/api/v1/delegations?role=holder", holder.accessToken()).json().path("items").path(0);
        assertThat(given.path("id").asString()).isEqualTo(grant);
        assertThat(given.path("status").asString()).isNotIn("active", "pending");
        assertThat(http.form("/oauth2/token", org.behalf.testing.Delegations.exchangeForm(grant, agentToken)).status()).isNotEqualTo(200);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Members.signIn(baseUrl(), handle, password, "delegation:act"))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * docs/agents.md: an assistant has no profile, "nobody finds it in the network; it exists to be
     * granted". It was found by network search, had a public profile and could be invited, by id or
     * handle (over the API, and so by an assistant's send_invitation tool, which is that request;
     * black-box finding, 2026-12-07); each is answered as for a member nobody is. Only a holder who
     * has offered it a grant reads its profile, which names it as their helper.
     */
    @Test
    void nobodyFindsAnAgentInTheNetworkNorInvitesIt() {
        Member operator = Members.create(baseUrl(), "agop");
        String handle = Members.unique("agentnet");
        String agentId = agent(operator, handle, "Networked bot").json().path("id").asString();
        Member member = Members.create(baseUrl(), "agsearcher");

        Http.Response profile = http.get("/api/v1/members/" + agentId, member.accessToken());
        assertThat(profile.status()).as(profile.toString()).isEqualTo(404);
        JsonNode nobody = http.get("/api/v1/members/mbr_nobodyhasthisid0000000", member.accessToken()).json();
        for (String field : List.of("type", "title", "status", "detail")) {
            assertThat(profile.json().path(field)).as(field).isEqualTo(nobody.path(field));
        }
        for (String to : List.of(handle, "@" + handle, agentId)) {
            Http.Response invited = http.post("/api/v1/invitations", member.accessToken(), Map.of("to", to));
            assertThat(invited.status()).as(to + ": " + invited).isEqualTo(400);
            assertThat(invited.json().path("detail").asString()).startsWith("Nobody has that handle");
        }
        for (String q : List.of(handle, "Networked bot")) {
            Http.Response found = http.get("/api/v1/network/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8),
                    member.accessToken());
            assertThat(found.status()).as(found.toString()).isEqualTo(200);
            assertThat(found.json().path("items")).as(q).isEmpty();
        }
        assertThat(http.get("/api/v1/invitations?direction=sent", member.accessToken()).json().path("items")).isEmpty();
        // A holder who has offered it a grant sees it as their helper, named on the console's pages by its profile.
        Member holder = Members.create(baseUrl(), "agholder");
        assertThat(http.get("/api/v1/members/" + agentId, holder.accessToken()).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", handle,
                "scopes", List.of("profile:read"))).status()).isEqualTo(201);
        Http.Response helper = http.get("/api/v1/members/" + agentId, holder.accessToken());
        assertThat(helper.status()).as(helper.toString()).isEqualTo(200);
        assertThat(helper.json().path("displayName").asString()).isEqualTo("Networked bot");
    }


    /** An agent of the operator's, with the password {@code "agent passphrase " + handle}. */
    private Http.Response agent(Member operator, String handle, String displayName) {
        Http.Response created = http.post("/api/v1/agents", operator.accessToken(), Map.of("handle", handle,
                "displayName", displayName, "password", "agent passphrase " + handle));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private static String authorize(String clientId, String redirect, String scopes) {
        return "/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id", clientId,
                "redirect_uri", redirect, "scope", scopes, "state", "st",
                "code_challenge", Members.challenge("a-verifier-of-enough-length-for-pkce-0123456789"), "code_challenge_method", "S256"));
    }
}
