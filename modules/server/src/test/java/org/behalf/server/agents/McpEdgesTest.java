package org.behalf.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The edges of the MCP server's address, as an MCP client author or an attacker meets them byte for
 * byte ({@link RawHttp}): other spellings of {@code /mcp} and the methods it names. Black-box testing,
 * 2026-12-07: {@code /mcp/} and {@code /MCP} answered 403 "This is not allowed." and started a session
 * (agents 4), and {@code TRACE}'s {@code Allow} named GET and HEAD, which the address refuses (agents 8).
 */
class McpEdgesTest extends ServerTest {

    private static final String ACCEPT = "Accept: application/json, text/event-stream";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    private static final String UPDATE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"update_profile\","
            + "\"arguments\":{\"headline\":\"%s\"}}}";

    private Http http;
    private Member holder;
    private Member agent;
    private String grant;
    private String token;

    @BeforeEach
    void assistant() {
        http = new Http(baseUrl());
        holder = Members.create(baseUrl(), "mcpedgeh");
        agent = Members.create(baseUrl(), "mcpedgea");
        grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read", "profile:write"));
        Map<String, String> form = Delegations.exchangeForm(grant, agent.accessToken());
        form.put("resource", baseUrl() + "/mcp");
        Http.Response exchanged = http.form("/oauth2/token", form);
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        token = exchanged.json().path("access_token").asString();
    }

    /**
     * Agents 4: an MCP client given the address with a slash at the end or in capitals is told where the
     * server is, with a token or without, and nothing starts a session. Not a 401 naming the MCP server's
     * metadata: that document's {@code resource} is {@code <server>/mcp}, and a client that found it from
     * another address must not use it (RFC 9728 sections 3.3 and 7.3), so discovery would end nowhere.
     */
    @Test
    void anotherSpellingOfTheMcpAddressIsNotFoundAndNamesTheRealOne() {
        for (String path : List.of("/mcp/", "/MCP", "/Mcp/", "/mcp/tools", "/MCP/x")) {
            for (String bearer : Arrays.asList(null, token)) {
                RawHttp.Response answer = RawHttp.send(port, "POST", path, bearer, PING, ACCEPT);
                String what = path + (bearer == null ? " without a token: " : " with a token: ") + answer;
                assertThat(answer.status()).as(what).isEqualTo(404);
                assertThat(answer.header("Content-Type")).as(what).isEqualTo("application/problem+json");
                assertThat(Http.JSON.readTree(answer.body()).path("detail").asString()).as(what)
                        .contains("http://127.0.0.1:" + port + "/mcp");
                assertThat(answer.header("Set-Cookie")).as(what).isNull();
                assertThat(answer.header("WWW-Authenticate")).as(what).isNull();
            }
        }
    }

    /** docs/security.md rule 35: the spellings that could reach a handler are refused before anything runs. */
    @Test
    void oddSpellingsOfTheMcpAddressRunNothing() {
        String before = headline();
        int entries = activity().size();
        for (String path : List.of("//mcp", "/mcp;x", "/mcp;/", "/mcp/..", "/mcp/../mcp", "/./mcp", "/mcp/.", "/mcp%2f", "/mcp%2F",
                "/%6dcp", "/mcp%2f..%2fmcp")) {
            RawHttp.Response answer = RawHttp.send(port, "POST", path, token, String.format(UPDATE, "Through " + path), ACCEPT);
            assertThat(answer.status()).as(path + ": " + answer).isEqualTo(400);
            assertThat(answer.body()).as(path).contains("/problems/non-canonical-path");
        }
        assertThat(headline()).isEqualTo(before);
        assertThat(activity()).hasSize(entries);
    }

    /**
     * Agents 8: every answer that names the methods of {@code /mcp} names POST and OPTIONS, those it takes
     * (RFC 9110 sections 9.3.7 and 15.5.6). The container answers TRACE itself, before any filter, with
     * the methods the servlet declares: it named GET and HEAD, which the stateless server refuses.
     */
    @Test
    void everyAnswerNamingTheMethodsOfTheMcpAddressNamesPostAndOptions() {
        for (String bearer : Arrays.asList(null, token)) {
            RawHttp.Response trace = RawHttp.send(port, "TRACE", "/mcp", bearer, null);
            assertThat(trace.status()).as(trace.toString()).isEqualTo(405);
            assertThat(methods(trace.header("Allow"))).as(trace.toString()).containsExactlyInAnyOrder("POST", "OPTIONS");
            assertThat(trace.header("Content-Type")).as(trace.toString()).isEqualTo("application/problem+json");
            RawHttp.Response options = RawHttp.send(port, "OPTIONS", "/mcp", bearer, null);
            assertThat(options.status()).as(options.toString()).isEqualTo(200);
            assertThat(methods(options.header("Allow"))).as(options.toString()).containsExactlyInAnyOrder("POST", "OPTIONS");
        }
        for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "PATCH")) {
            RawHttp.Response refused = RawHttp.send(port, method, "/mcp", token, null);
            assertThat(refused.status()).as(method + ": " + refused).isEqualTo(405);
            assertThat(methods(refused.header("Allow"))).as(method + ": " + refused).containsExactlyInAnyOrder("POST", "OPTIONS");
        }
    }

    private static List<String> methods(String allow) {
        assertThat(allow).isNotNull();
        return Arrays.stream(allow.split(",")).map(String::strip).toList();
    }

    private String headline() {
        return http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString();
    }

    private List<JsonNode> activity() {
        Http.Response page = http.get("/api/v1/activity?limit=100", holder.accessToken());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        page.json().path("items").forEach(entries::add);
        return entries;
    }
}
