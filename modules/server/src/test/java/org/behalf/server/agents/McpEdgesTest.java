package org.behalf.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edges of the MCP server's address, as an MCP client author or an attacker meets them byte for
 * byte ({@link RawHttp}): other spellings of {@code /mcp}, the methods it names, and requests from a
 * web page of another site (MCP 2025-06-18, "Transports", Streamable HTTP, "Security Warning"). Normal
 * use is checked beside them with the MCP Java SDK's own client. Black-box testing, 2026-12-07:
 * {@code /mcp/} and {@code /MCP} answered 403 "This is not allowed." and started a session (agents 4),
 * a foreign {@code Origin} was served (agents 5), and {@code TRACE}'s {@code Allow} named GET and HEAD,
 * which the address refuses (agents 8).
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
     * Agents 5: MCP's Streamable HTTP transport has servers validate {@code Origin} against DNS rebinding
     * and refuse one not allowed with 403. A delegate's request so refused does nothing and is one
     * entry in the holder's log, refused by a rule, as the MCP server's other refusals are entries
     * (docs/security.md rule 43). A program that sends no {@code Origin}, as an MCP client does, goes on.
     */
    @Test
    void aRequestFromAWebPageOfAnotherSiteIsRefusedAndRecordedAndAClientWithoutOriginActs() {
        String before = headline();
        String own = "Origin: http://127.0.0.1:" + port;
        List<String[]> foreign = List.of(new String[] {"Origin: http://evil.example"}, new String[] {"Origin: null"},
                new String[] {"Origin: http://127.0.0.1:" + port + ".evil.example"}, new String[] {"Origin: https://127.0.0.1:" + port},
                new String[] {own, "Origin: http://evil.example"});
        for (String[] origins : foreign) {
            int entries = activity().size();
            List<String> headers = new ArrayList<>(List.of(origins));
            headers.add(ACCEPT);
            RawHttp.Response answer = RawHttp.send(port, "POST", "/mcp", token, String.format(UPDATE, "From another site"),
                    headers.toArray(String[]::new));
            String what = String.join(" + ", origins) + ": " + answer;
            assertThat(answer.status()).as(what).isEqualTo(403);
            assertThat(answer.header("Content-Type")).as(what).isEqualTo("application/problem+json");
            String detail = Http.JSON.readTree(answer.body()).path("detail").asString();
            assertThat(detail).as(what).contains("web pages of other sites").contains("Origin");
            List<JsonNode> after = activity();
            assertThat(after).as(what + " is one entry").hasSize(entries + 1);
            JsonNode entry = after.get(0);
            assertThat(entry.path("actor").path("id").asString()).as(entry.toString()).isEqualTo(agent.id());
            assertThat(entry.path("grantId").asString()).as(entry.toString()).isEqualTo(grant);
            assertThat(entry.path("outcome").asString()).as(entry.toString()).isEqualTo("denied");
            assertThat(entry.path("reason").asString()).as(entry.toString()).isEqualTo(detail);
        }
        assertThat(headline()).isEqualTo(before);
        // Without a token, and for any method: the same refusal, before anything else is said.
        assertThat(RawHttp.send(port, "POST", "/mcp", null, PING, "Origin: http://evil.example", ACCEPT).status()).isEqualTo(403);
        assertThat(RawHttp.send(port, "OPTIONS", "/mcp", null, null, "Origin: http://evil.example").status()).isEqualTo(403);

        // The server's own pages' origin goes on, and so does an MCP client, which sends none.
        RawHttp.Response ownPage = RawHttp.send(port, "POST", "/mcp", token, String.format(UPDATE, "From our own page"), own, ACCEPT);
        assertThat(ownPage.status()).as(ownPage.toString()).isEqualTo(200);
        assertThat(headline()).isEqualTo("From our own page");
        McpSyncClient client = client();
        client.initialize();
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("get_profile", "update_profile");
        McpSchema.CallToolResult edited = client.callTool(new McpSchema.CallToolRequest("update_profile", Map.of("headline", "From an MCP client")));
        assertThat(edited.isError()).as(edited.toString()).isFalse();
        assertThat(headline()).isEqualTo("From an MCP client");
        client.closeGracefully();
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

    private McpSyncClient client() {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl())
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                .httpRequestCustomizer((request, method, endpoint, body, context) -> request.header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
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
