package org.behalf.server.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server for AI assistants (DESIGN.md section 6, "AI assistants"; SECURITY-CASES 43),
 * driven by the MCP Java SDK's own client and its Streamable HTTP transport, which share no code
 * with the server's: an agent member signs in (authorization code + PKCE), exchanges the holder's
 * grant for a delegation token bound to the MCP server (RFC 8707), and calls tools whose calls are
 * API requests, enforced and recorded as the holder's activity.
 */
class McpServerTest extends ServerTest {

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(baseUrl());
    }

    @Test
    void anAgentSeesOnlyItsGrantsToolsAndItsEditIsRecordedUntilTheHolderRevokes() {
        Member holder = Members.create(baseUrl(), "mcpholder");
        Member agent = Members.create(baseUrl(), "mcpagent");
        String grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read", "profile:write"));
        String token = mcpToken(grant, agent);
        assertThat(Members.claims(token).path("aud").toString()).contains(baseUrl() + "/mcp");

        McpSyncClient client = client(token);
        client.initialize();
        Set<String> offered = client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
        assertThat(offered).isEqualTo(Set.of("get_profile", "update_profile"));
        McpSchema.Tool update = client.listTools().tools().stream().filter(t -> t.name().equals("update_profile")).findFirst().orElseThrow();
        // The input schema is the API's request type's: the profile's writable fields.
        assertThat(((Map<?, ?>) update.inputSchema().get("properties")).keySet().stream().map(String::valueOf).toList())
                .contains("headline", "summary", "skills");

        McpSchema.CallToolResult edited = client.callTool(new McpSchema.CallToolRequest("update_profile",
                Map.of("headline", "Written by an assistant")));
        assertThat(edited.isError()).as(edited.toString()).isFalse();
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString())
                .isEqualTo("Written by an assistant");
        JsonNode recorded = entry(holder, "profile.update", "success");
        assertThat(recorded.path("actor").path("kind").asString()).isEqualTo("delegate");
        assertThat(recorded.path("actor").path("id").asString()).isEqualTo(agent.id());
        assertThat(recorded.path("grantId").asString()).isEqualTo(grant);
        assertThat(recorded.path("clientId").asString()).isEqualTo(Members.CLI);

        // Bad input is the API's problem, named, as a tool error the assistant can read; nothing changes.
        McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("update_profile", Map.of("handle", "taken-over")));
        assertThat(bad.isError()).isTrue();
        assertThat(((McpSchema.TextContent) bad.content().get(0)).text()).contains("handle");
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("handle").asString()).isEqualTo(holder.handle());

        // Not offered, and refused with a recorded denial when called anyway.
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("send_invitation",
                Map.of("to", holder.id(), "message", "hello"))))
                .isInstanceOf(McpError.class);
        assertThat(entry(holder, "invitation.send", "denied").path("actor").path("id").asString()).isEqualTo(agent.id());

        assertThat(http.post("/api/v1/delegations/" + grant + "/revoke", holder.accessToken(), null).status()).isEqualTo(200);
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("update_profile", Map.of("headline", "Too late"))))
                .isInstanceOf(McpError.class);
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString())
                .isEqualTo("Written by an assistant");
        assertThat(activity(holder).stream().filter(e -> e.path("action").asString().equals("profile.update")
                && e.path("outcome").asString().equals("denied"))).isNotEmpty();
        client.closeGracefully();
    }

    @Test
    void withoutATokenTheAnswerNamesTheResourceMetadata() {
        Http.Response answer = postInitialize(null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer")
                .contains("resource_metadata=\"" + baseUrl() + "/.well-known/oauth-protected-resource\"");
    }

    @Test
    void tokensForTheApiAreRefusedOnTheMcpServerAndTheOtherWayRound() {
        Member holder = Members.create(baseUrl(), "mcpholder");
        Member agent = Members.create(baseUrl(), "mcpagent");
        String grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read", "profile:write"));

        // The agent's own token and a delegation token for the API: not for this server.
        assertThat(postInitialize(agent.accessToken()).status()).isEqualTo(401);
        assertThat(postInitialize(Delegations.delegationToken(http, grant, agent)).status()).isEqualTo(401);
        // A token whose signature does not verify.
        String mcp = mcpToken(grant, agent);
        assertThat(postInitialize(mcp.substring(0, mcp.length() - 4) + "AAAA").status()).isEqualTo(401);
        // The MCP token on the plain API.
        Http.Response onApi = http.get("/api/v1/profile", mcp);
        assertThat(onApi.status()).isEqualTo(401);
        assertThat(postInitialize(mcp).status()).isEqualTo(200);
    }

    @Test
    void anExchangeForAnotherResourceIsRefused() {
        Member holder = Members.create(baseUrl(), "mcpholder");
        Member agent = Members.create(baseUrl(), "mcpagent");
        String grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read"));
        Map<String, String> form = Delegations.exchangeForm(grant, agent.accessToken());
        form.put("resource", "https://elsewhere.example/mcp");
        Http.Response refused = http.form("/oauth2/token", form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asString()).isEqualTo("invalid_target");
    }

    private String mcpToken(String grant, Member agent) {
        Map<String, String> form = Delegations.exchangeForm(grant, agent.accessToken());
        form.put("resource", baseUrl() + "/mcp");
        Http.Response exchanged = http.form("/oauth2/token", form);
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        return exchanged.json().path("access_token").asString();
    }

    private McpSyncClient client(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl())
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                .httpRequestCustomizer((request, method, endpoint, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
    }

    private Http.Response postInitialize(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    private JsonNode entry(Member holder, String action, String outcome) {
        return activity(holder).stream()
                .filter(e -> e.path("action").asString().equals(action) && e.path("outcome").asString().equals(outcome))
                .findFirst().orElseThrow(() -> new AssertionError("no " + outcome + " " + action + " in " + activity(holder)));
    }

    private List<JsonNode> activity(Member holder) {
        Http.Response page = http.get("/api/v1/activity?limit=100", holder.accessToken());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        page.json().path("items").forEach(entries::add);
        return entries;
    }
}
