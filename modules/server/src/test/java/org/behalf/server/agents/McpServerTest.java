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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server for AI assistants (DESIGN.md section 6, "AI assistants"; SECURITY-CASES 43),
 * driven by the MCP Java SDK's own client and its Streamable HTTP transport, which share no code
 * with the server's: an agent member signs in (authorization code + PKCE), exchanges the holder's
 * grant for a delegation token bound to the MCP server (RFC 8707), and calls tools whose calls are
 * API requests, enforced and recorded as the holder's activity. Bad input, sent as raw JSON-RPC
 * where the SDK's client cannot send it, gets a JSON-RPC error in plain words (docs/agents.md,
 * "Errors"): never a stack trace, a Java type name or a parser's message, and no ERROR in the log,
 * which is for the server's own faults.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpServerTest extends ServerTest {

    /** What an answer to bad input must not show: Java's and the SDK's internals. */
    private static final List<String> INTERNALS = List.of("stackTrace", "java.", "McpSchema", "McpError",
            "LinkedHashMap", "Exception", "modelcontextprotocol", "tools.jackson", "Cannot deserialize");

    private Http http;

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

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
        assertThat(client.listTools().tools()).as("nothing is offered under a revoked grant").isEmpty();
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("update_profile", Map.of("headline", "Too late"))))
                .isInstanceOf(McpError.class);
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString())
                .isEqualTo("Written by an assistant");
        assertThat(activity(holder).stream().filter(e -> e.path("action").asString().equals("profile.update")
                && e.path("outcome").asString().equals("denied"))).isNotEmpty();
        client.closeGracefully();
    }

    /** SECURITY-CASES 43 and 5: a token keeps its scopes, the tools offered follow the grant as it stands. */
    @Test
    void aNarrowedGrantOffersOnlyWhatItStillAllows() {
        Member holder = Members.create(baseUrl(), "mcpnarrowh");
        Member agent = Members.create(baseUrl(), "mcpnarrowa");
        String grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read", "profile:write", "contacts:read"));
        McpSyncClient client = client(mcpToken(grant, agent));
        client.initialize();
        assertThat(client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet()))
                .contains("get_profile", "update_profile", "list_contacts");

        Http.Response narrowed = http.patch("/api/v1/delegations/" + grant, holder.accessToken(), Map.of("scopes", List.of("profile:read")));
        assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
        assertThat(client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet()))
                .isEqualTo(Set.of("get_profile"));
        client.closeGracefully();

        // Outside the grant's hours, or from an address outside its ranges, every call is refused, so
        // nothing is offered (all was); inside them, what the grant allows is.
        int offset = 12 - java.time.LocalTime.now(java.time.ZoneOffset.UTC).getHour();
        // An IANA name, as a grant's zone must be: Etc/GMT-5 is UTC+5 (the database's signs are POSIX's).
        String zone = offset == 0 ? "UTC" : String.format("Etc/GMT%s%d", offset > 0 ? "-" : "+", Math.abs(offset));
        List<String> everyDay = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
        Map<Map<String, Object>, Set<String>> offeredUnder = Map.of(
                Map.of("window", Map.of("days", everyDay, "start", "15:00", "end", "16:00"), "timeZone", zone), Set.of(),
                Map.of("ipRanges", List.of("203.0.113.0/24")), Set.of(),
                Map.of("window", Map.of("days", everyDay, "start", "11:00", "end", "14:00"), "timeZone", zone,
                        "ipRanges", List.of("127.0.0.0/8", "::1/128")), Set.of("get_profile"));
        offeredUnder.forEach((limits, tools) -> {
            Map<String, Object> terms = new java.util.HashMap<>(limits);
            terms.put("delegate", agent.handle());
            terms.put("scopes", List.of("profile:read"));
            Http.Response limited = http.post("/api/v1/delegations", holder.accessToken(), terms);
            assertThat(limited.status()).as(limited.toString()).isEqualTo(201);
            String id = limited.json().path("id").asString();
            assertThat(http.post("/api/v1/delegations/" + id + "/accept", agent.accessToken(), null).status()).isEqualTo(200);
            Http.Response listed = post(mcpToken(id, agent), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            assertThat(listed.json().path("result").path("tools").valueStream().map(tool -> tool.path("name").asString())
                    .collect(Collectors.toSet())).as(limits.toString()).isEqualTo(tools);
        });
    }

    /**
     * Text the API refuses is refused here too, before the SDK reads it (docs/security.md rule 40):
     * a lone surrogate got the SDK's stack trace back, and bytes that are not UTF-8 were replaced
     * and stored in the holder's profile (black-box testing, 2026-12-06).
     */
    @Test
    void textThatIsNotUnicodeOrNotUtf8IsRefusedAndStoresNothing(CapturedOutput output) {
        Member holder = Members.create(baseUrl(), "mcptexth");
        Member agent = Members.create(baseUrl(), "mcptexta");
        String token = mcpToken(Delegations.activeGrant(http, holder, agent, List.of("profile:read", "profile:write")), agent);
        String before = http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString();

        assertRefused(post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"x\":\"\\ud800\"}}"), 400, -32600);
        assertRefused(post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"update_profile\","
                + "\"arguments\":{\"headline\":\"a\\udc00b\"}}}"), 400, -32600);
        byte[] notUtf8 = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"update_profile\",\"arguments\":{\"headline\":\"bad??byte\"}}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = new String(notUtf8, java.nio.charset.StandardCharsets.UTF_8).indexOf("??");
        notUtf8[at] = (byte) 0xff;
        notUtf8[at + 1] = (byte) 0xfe;
        assertRefused(http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8)).build()), 400, -32700);
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo(before);

        Http.Response plainText = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build());
        assertRefused(plainText, 415, -32600);
        // Every Content-Type header, not the first alone; and JSON in UTF-8 only, as the body is read
        // (RFC 8259 section 8.1): UTF-16 was taken and read as UTF-8 (black-box testing, 2026-12-07).
        for (List<String> types : List.of(List.of("application/json", "text/plain"), List.of("application/json; charset=utf-16"),
                List.of("application/json; charset=latin1"))) {
            HttpRequest.Builder typed = HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp")).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
            types.forEach(type -> typed.header("Content-Type", type));
            assertRefused(http.send(typed.build()), 415, -32600);
        }
        Http.Response utf8 = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=UTF-8").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build());
        assertThat(utf8.status()).as(utf8.toString()).isEqualTo(200);

        Http.Response deep = post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":"
                + "[".repeat(5_000) + "]".repeat(5_000) + "}}");
        assertRefused(deep, 400, -32600);
        assertThat(deep.json().path("error").path("message").asString()).doesNotContain("not JSON");
        assertNoErrorLogged(output);
    }

    /**
     * DESIGN.md section 2 rule 6, SECURITY-CASES 31: a delegate's message the MCP server refuses before
     * any tool runs is one entry in the holder's log, its reason the words the assistant was answered,
     * as the same bad input sent to the API is one. They left none: a batch of changes, a change sent
     * as a notification (answered 202 and dropped), a broken character, the wrong headers, params of the
     * wrong shape, a method there is none of (black-box finding, 2026-12-07, agents 2).
     */
    @Test
    void aDelegatesRefusedMessageIsOneEntryInTheHoldersLogAndDoesNothing() {
        Member holder = Members.create(baseUrl(), "mcprefh");
        Member agent = Members.create(baseUrl(), "mcprefa");
        String grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read", "profile:write"));
        String token = mcpToken(grant, agent);
        String before = http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString();
        String update = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"update_profile\","
                + "\"arguments\":{\"headline\":\"%s\"}}}";
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"update_profile\","
                + "\"arguments\":{\"headline\":\"By notification\"}}}";
        List<HttpRequest> refused = List.of(
                request(token, "application/json, text/event-stream", "[" + String.format(update, "In a batch") + "]"),
                request(token, "application/json, text/event-stream", notification),
                request(token, "application/json, text/event-stream", String.format(update, "Half \\ud83d")),
                request(token, "application/json", String.format(update, "Without event-stream")),
                HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/yaml").header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(String.format(update, "As YAML"))).build(),
                request(token, "application/json, text/event-stream",
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"update_profile\",\"arguments\":[]}}"),
                request(token, "application/json, text/event-stream", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\"}"));
        for (HttpRequest message : refused) {
            int entries = activity(holder).size();
            Http.Response answer = http.send(message);
            assertThat(answer.status()).as(answer.toString()).isNotEqualTo(202);
            String words = answer.json().path("error").path("message").asString();
            assertThat(words).as(answer.toString()).isNotBlank();
            List<JsonNode> after = activity(holder);
            assertThat(after).as(answer + " is one entry").hasSize(entries + 1);
            JsonNode entry = after.get(0);
            assertThat(entry.path("actor").path("kind").asString()).isEqualTo("delegate");
            assertThat(entry.path("actor").path("id").asString()).isEqualTo(agent.id());
            assertThat(entry.path("grantId").asString()).isEqualTo(grant);
            assertThat(entry.path("outcome").asString()).as(entry.toString()).isEqualTo("error");
            assertThat(entry.path("reason").asString()).as(entry.toString()).isEqualTo(words);
        }
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo(before);
        // A message taken is recorded as the one API request it stands for, and nothing more.
        int entries = activity(holder).size();
        assertThat(post(token, String.format(update, "Taken")).status()).isEqualTo(200);
        assertThat(activity(holder)).hasSize(entries + 1);
        assertThat(activity(holder).get(0).path("action").asString()).isEqualTo("profile.update");
    }

    @Test
    void anUnknownToolOrAMissingIdIsToldInWordsThatNameIt() {
        McpSyncClient client = client(delegateToken());
        client.initialize();
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("get_export", Map.of())))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("get_export").hasMessageNotContaining("invalid_tool_name");

        McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("accept_invitation", Map.of()));
        assertThat(missing.isError()).isTrue();
        JsonNode problem = Http.JSON.readTree(((McpSchema.TextContent) missing.content().get(0)).text());
        assertThat(problem.path("status").asInt()).as(problem.toString()).isEqualTo(400);
        assertThat(problem.path("field").asString()).isEqualTo("id");
        assertThat(problem.path("type").asString()).isNotBlank();
        // A blank id is no id: the same answer, not forwarded.
        for (String blank : new String[] {"", " "}) {
            JsonNode refused = toolError(client, "accept_invitation", blank);
            assertThat(refused.path("status").asInt()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.path("detail").asString()).isEqualTo(problem.path("detail").asString());
        }
        client.closeGracefully();

        // A name is echoed as far as a person reads one: a 500 KB name was told whole.
        String token = delegateToken();
        String longName = "n".repeat(500_000);
        for (String call : new String[] {
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + longName + "\",\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + longName + "\"}"}) {
            Http.Response answer = post(token, call);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            String message = answer.json().path("error").path("message").asString();
            assertThat(message).contains("n".repeat(64) + "\u2026").doesNotContain("n".repeat(65)).hasSizeLessThan(200);
        }
        assertThat(post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/dance\"}").json().path("error").path("message").asString())
                .contains("\u201ctools/dance\u201d").doesNotContain("\u2026");
    }

    /**
     * SECURITY-CASES 43, one entry per call: a call of a tool there is none of (a never-delegable
     * search, say) is refused and recorded in the holder's log, a long name left out of the entry's
     * path; it was answered and not recorded (docs/security.md rule 31 listed it; black-box finding).
     */
    @Test
    void aCallOfAToolThereIsNoneOfIsRecordedInTheHoldersLog() {
        Member holder = Members.create(baseUrl(), "mcpunkh");
        Member agent = Members.create(baseUrl(), "mcpunka");
        String token = mcpToken(Delegations.activeGrant(http, holder, agent, List.of("profile:read")), agent);
        for (String name : List.of("search_network", "n".repeat(500))) {
            Http.Response answer = post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + name + "\",\"arguments\":{}}}");
            assertThat(answer.json().path("error").path("message").asString()).as(answer.toString()).startsWith("There is no tool named");
        }
        List<JsonNode> refused = activity(holder).stream().filter(e -> e.path("outcome").asString().equals("denied")).toList();
        assertThat(refused).as(refused.toString()).hasSize(2).allSatisfy(e -> {
            assertThat(e.path("actor").path("id").asString()).isEqualTo(agent.id());
            assertThat(e.path("action").asString()).isEqualTo("api.request");
            assertThat(e.toString()).doesNotContain("n".repeat(100));
        });
    }

    @Test
    void withoutATokenTheAnswerNamesTheResourceMetadata() {
        Http.Response answer = postInitialize(null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer")
                .contains("resource_metadata=\"" + baseUrl() + "/.well-known/oauth-protected-resource/mcp\"");
        // A problem document as the API's own: it was typed about:blank and sent as ISO-8859-1 (black-box finding, 2026-12-07).
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.json().path("type").asString()).endsWith("/problems/unauthenticated");
        assertThat(answer.json().path("detail").asString()).isEqualTo("A delegation token for this server is required.");
        // OPTIONS needs no token, as on the API, and names only what is served (it named GET, HEAD and TRACE too).
        Http.Response options = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        assertThat(options.header("Allow")).isEqualTo("POST, OPTIONS");
    }

    /**
     * Issue 21's whole journey, as an MCP client that knows only the server's URL would make it:
     * the 401's {@code WWW-Authenticate} names the MCP server's own metadata (RFC 9728), which names
     * the authorization server, whose metadata (RFC 8414) names the registration endpoint (RFC 7591);
     * the client registers itself, signs its agent in (authorization code + PKCE, the agent's
     * password as its operator set it), accepts and exchanges the holder's grant, and acts; the
     * holder's log shows the agent and the client that registered itself.
     */
    @Test
    void anMcpClientDiscoversRegistersSignsItsAgentInAndActsUnderTheHoldersGrantUntilRevoked() {
        Member operator = Members.create(baseUrl(), "mcpop");
        Member holder = Members.create(baseUrl(), "mcpholder");
        String agentHandle = Members.unique("bot");
        String agentPassword = "agent passphrase " + agentHandle;
        Http.Response agent = http.post("/api/v1/agents", operator.accessToken(), Map.of("handle", agentHandle,
                "displayName", "Research assistant", "password", agentPassword));
        assertThat(agent.status()).as(agent.toString()).isEqualTo(201);
        String agentId = agent.json().path("id").asString();
        assertThat(agent.json().path("kind").asString()).isEqualTo("agent");
        assertThat(agent.json().path("operator").path("id").asString()).isEqualTo(operator.id());
        Http.Response offered = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", agentHandle,
                "scopes", List.of("profile:read", "profile:write")));
        assertThat(offered.status()).as(offered.toString()).isEqualTo(201);
        String grant = offered.json().path("id").asString();

        // Discovery, from the refusal alone.
        Http.Response refused = postInitialize(null);
        assertThat(refused.status()).isEqualTo(401);
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("resource_metadata=\"([^\"]+)\"")
                .matcher(refused.header("WWW-Authenticate"));
        assertThat(named.find()).isTrue();
        JsonNode resource = http.get(URI.create(named.group(1)).getRawPath(), null).json();
        assertThat(resource.path("resource").asString()).isEqualTo(baseUrl() + "/mcp");
        assertThat(resource.path("scopes_supported").toString()).isEqualTo("[\"delegation:act\"]");
        String issuer = resource.path("authorization_servers").path(0).asString();
        JsonNode server = http.get(URI.create(issuer + "/.well-known/oauth-authorization-server").getRawPath(), null).json();
        assertThat(server.path("code_challenge_methods_supported").toString()).contains("S256");
        String registrationEndpoint = server.path("registration_endpoint").asString();
        assertThat(registrationEndpoint).isEqualTo(issuer + "/oauth2/register");

        // Dynamic registration: a public client, PKCE, a loopback redirect.
        String redirect = "http://127.0.0.1:45999/callback";
        Http.Response registered = http.post(URI.create(registrationEndpoint).getRawPath(), null, Map.of(
                "client_name", "Test assistant", "redirect_uris", List.of(redirect), "token_endpoint_auth_method", "none",
                "grant_types", List.of("authorization_code", Delegations.EXCHANGE), "scope", "delegation:act"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String clientId = registered.json().path("client_id").asString();
        assertThat(clientId).startsWith("dyn_");
        assertThat(registered.json().has("client_secret")).isFalse();

        // The agent's sign-in: authorization code + PKCE through the client's browser, consent included.
        String verifier = Members.unique("verifier") + Members.unique("pkce-code-") + Members.unique("challenge");
        String location = Members.authorize(Members.browser(baseUrl(), agentHandle, agentPassword), "/oauth2/authorize?"
                + Http.encode(Members.ordered("response_type", "code", "client_id", clientId, "redirect_uri", redirect,
                "scope", "delegation:act", "state", "st", "code_challenge", Members.challenge(verifier),
                "code_challenge_method", "S256")), "delegation:act");
        assertThat(location).as(location).startsWith(redirect).contains("code=");
        String code = URI.create(location).getRawQuery().replaceAll(".*code=([^&]+).*", "$1");
        Http.Response signedIn = http.form(URI.create(server.path("token_endpoint").asString()).getRawPath(), Members.ordered(
                "grant_type", "authorization_code", "code", java.net.URLDecoder.decode(code, java.nio.charset.StandardCharsets.UTF_8),
                "redirect_uri", redirect, "client_id", clientId, "code_verifier", verifier));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        String agentToken = signedIn.json().path("access_token").asString();
        assertThat(signedIn.json().path("scope").asString()).isEqualTo("delegation:act");

        // The agent accepts the grant, and its client exchanges it for a token bound to the MCP server.
        assertThat(http.post("/api/v1/delegations/" + grant + "/accept", agentToken, null).status()).isEqualTo(200);
        Map<String, String> exchange = Delegations.exchangeForm(grant, agentToken);
        exchange.put("client_id", clientId);
        exchange.put("resource", resource.path("resource").asString());
        Http.Response exchanged = http.form("/oauth2/token", exchange);
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        McpSyncClient client = client(exchanged.json().path("access_token").asString());
        client.initialize();
        assertThat(client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet()))
                .isEqualTo(Set.of("get_profile", "update_profile"));

        McpSchema.CallToolResult edited = client.callTool(new McpSchema.CallToolRequest("update_profile",
                Map.of("headline", "Edited by a registered assistant")));
        assertThat(edited.isError()).as(edited.toString()).isFalse();
        JsonNode recorded = entry(holder, "profile.update", "success");
        assertThat(recorded.path("actor").path("kind").asString()).isEqualTo("delegate");
        assertThat(recorded.path("actor").path("id").asString()).isEqualTo(agentId);
        assertThat(recorded.path("grantId").asString()).isEqualTo(grant);
        assertThat(recorded.path("clientId").asString()).isEqualTo(clientId);

        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("send_invitation",
                Map.of("to", holder.id(), "message", "hello"))))
                .isInstanceOf(McpError.class);
        JsonNode denied = entry(holder, "invitation.send", "denied");
        assertThat(denied.path("actor").path("id").asString()).isEqualTo(agentId);
        assertThat(denied.path("clientId").asString()).isEqualTo(clientId);

        assertThat(http.post("/api/v1/delegations/" + grant + "/revoke", holder.accessToken(), null).status()).isEqualTo(200);
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("update_profile", Map.of("headline", "Too late"))))
                .isInstanceOf(McpError.class);
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString())
                .isEqualTo("Edited by a registered assistant");
        client.closeGracefully();
    }

    @Test
    void theMcpServersMetadataNamesItselfOurAuthorizationServerAndDelegationAct() {
        Http.Response metadata = http.get("/.well-known/oauth-protected-resource/mcp", null);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().path("resource").asString()).isEqualTo(baseUrl() + "/mcp");
        assertThat(metadata.json().path("authorization_servers").toString()).isEqualTo("[\"" + baseUrl() + "\"]");
        assertThat(metadata.json().path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
        // The API's own metadata is unchanged.
        assertThat(http.get("/.well-known/oauth-protected-resource", null).json().path("resource").asString()).isEqualTo(baseUrl());
    }

    @Test
    void tokensForTheApiAreRefusedOnTheMcpServerAndTheOtherWayRound() {
        Member holder = Members.create(baseUrl(), "mcpholder");
        Member agent = Members.create(baseUrl(), "mcpagent");
        String grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read", "profile:write"));

        // The agent's own token and a delegation token for the API: not for this server, and the answer says
        // so and what to do (RFC 6750 error_description; black-box finding 2026-12-07: "invalid, expired or revoked").
        String forMcp = "This token is for the API, not the MCP server: exchange the grant for a delegation token with resource="
                + baseUrl() + "/mcp";
        for (String apiToken : List.of(agent.accessToken(), Delegations.delegationToken(http, grant, agent))) {
            Http.Response refused = postInitialize(apiToken);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("detail").asString()).startsWith(forMcp);
            assertThat(refused.json().path("type").asString()).endsWith("/invalid-token");
            assertThat(refused.header("WWW-Authenticate")).contains("error=\"invalid_token\"", "error_description=\"" + forMcp);
        }
        // A token whose signature does not verify: nothing said of it.
        String mcp = mcpToken(grant, agent);
        Http.Response forged = postInitialize(mcp.substring(0, mcp.length() - 4) + "AAAA");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().path("detail").asString()).isEqualTo("The access token is invalid, expired or revoked.");
        assertThat(forged.header("WWW-Authenticate")).doesNotContain("error_description");
        // The MCP token on the plain API.
        Http.Response onApi = http.get("/api/v1/profile", mcp);
        assertThat(onApi.status()).isEqualTo(401);
        assertThat(onApi.json().path("detail").asString())
                .isEqualTo("This token is for the MCP server (" + baseUrl() + "/mcp), not the API: send it to " + baseUrl()
                        + "/mcp, or exchange the grant without resource for a token for the API.");
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

    /**
     * RFC 8707 section 2, black-box finding F17 (2026-12-07): the API's own identifier, the resource of
     * its protected-resource metadata, was invalid_target here as at client credentials; it is a token
     * for the API, as without resource, and the MCP server's identifier still binds the token to it.
     */
    @Test
    void anExchangeNamingTheApiItselfGetsATokenForTheApi() {
        Member holder = Members.create(baseUrl(), "resholder");
        Member agent = Members.create(baseUrl(), "resagent");
        String grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read"));
        String api = http.get("/.well-known/oauth-protected-resource", null).json().path("resource").asString();

        for (String resource : List.of(api, api + "/")) {
            Map<String, String> form = Delegations.exchangeForm(grant, agent.accessToken());
            form.put("resource", resource);
            Http.Response token = http.form("/oauth2/token", form);
            assertThat(token.status()).as(resource + " " + token).isEqualTo(200);
            String issued = token.json().path("access_token").asString();
            assertThat(Members.claims(issued).path("aud").toString()).contains("behalf-api").doesNotContain("/mcp");
            assertThat(http.get("/api/v1/profile", issued).status()).isEqualTo(200);
            assertThat(postInitialize(issued).status()).isEqualTo(401);
        }
        Http.Response apiWithMcpAudience = exchange(grant, agent, List.of(baseUrl() + "/mcp"), api);
        assertThat(apiWithMcpAudience.json().path("error").asString()).as(apiWithMcpAudience.toString()).isEqualTo("invalid_target");
        Http.Response forMcp = exchange(grant, agent, List.of(), baseUrl() + "/mcp");
        assertThat(postInitialize(forMcp.json().path("access_token").asString()).status()).isEqualTo(200);
    }

    /**
     * RFC 8693 section 2.2.2: an audience the server does not serve is invalid_target, refused as an
     * unknown resource is (an unknown audience was ignored and a token for the API issued, a
     * black-box finding); an audience naming what the token is for, the API's or the MCP server's,
     * is taken, and two different ones are refused.
     */
    @Test
    void anExchangeForAnAudienceNotServedIsRefusedAndOneThatIsServedIsTaken() {
        Member holder = Members.create(baseUrl(), "audholder");
        Member agent = Members.create(baseUrl(), "audagent");
        String grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read"));
        String mcp = baseUrl() + "/mcp";

        for (List<String> audiences : List.of(List.of("someone"), List.of(baseUrl()), List.of("behalf-api", mcp))) {
            Http.Response refused = exchange(grant, agent, audiences, null);
            assertThat(refused.status()).as(audiences + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).isEqualTo("invalid_target");
        }
        Http.Response apiWithMcpResource = exchange(grant, agent, List.of("behalf-api"), mcp);
        assertThat(apiWithMcpResource.json().path("error").asString()).as(apiWithMcpResource.toString()).isEqualTo("invalid_target");

        Http.Response api = exchange(grant, agent, List.of("behalf-api"), null);
        assertThat(api.status()).as(api.toString()).isEqualTo(200);
        assertThat(Members.claims(api.json().path("access_token").asString()).path("aud").toString()).contains("behalf-api");
        Http.Response forMcp = exchange(grant, agent, List.of(mcp), null);
        assertThat(forMcp.status()).as(forMcp.toString()).isEqualTo(200);
        assertThat(Members.claims(forMcp.json().path("access_token").asString()).path("aud").toString()).contains(mcp)
                .doesNotContain("behalf-api");
    }

    private Http.Response exchange(String grant, Member agent, List<String> audiences, String resource) {
        StringBuilder form = new StringBuilder(Http.encode(Delegations.exchangeForm(grant, agent.accessToken())));
        audiences.forEach(audience -> form.append("&audience=").append(java.net.URLEncoder.encode(audience, java.nio.charset.StandardCharsets.UTF_8)));
        if (resource != null) {
            form.append("&resource=").append(java.net.URLEncoder.encode(resource, java.nio.charset.StandardCharsets.UTF_8));
        }
        return http.send(http.request("/oauth2/token", null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form.toString())).build());
    }

    @Test
    void aMessageThatIsNotOneJsonRpcRequestIsAPlainParseOrInvalidRequestError(CapturedOutput output) {
        String token = delegateToken();
        assertRefused(post(token, "{"), 400, -32700);
        assertRefused(post(token, ""), 400, -32700);
        assertRefused(post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} trailing"), 400, -32700);
        assertRefused(post(token, "[]"), 400, -32600);
        // Batches: the MCP revision this server speaks (2025-06-18) has none.
        assertRefused(post(token, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]"),
                400, -32600);
        assertRefused(post(token, "42"), 400, -32600);
        assertRefused(post(token, "\"ping\""), 400, -32600);
        assertRefused(post(token, "{\"jsonrpc\":\"2.0\",\"id\":1}"), 400, -32600);
        assertRefused(post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), 400, -32600);
        assertRefused(post(token, "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}"), 400, -32600);
        assertRefused(post(token, "{\"id\":1,\"method\":\"ping\"}"), 400, -32600);
        assertRefused(post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}"), 400, -32600);
        assertRefused(post(token, "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}"), 400, -32600);
        assertRefused(post(token, "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}"), 400, -32600);
        assertRefused(post(token, "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}"), 400, -32600);
        // Over the largest message taken (1 MB): the server's plain 413, as before.
        Http.Response tooLarge = post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                + "x".repeat(1024 * 1024) + "\"}}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(INTERNALS).as(tooLarge.body()).noneMatch(tooLarge.body()::contains);
        // MCP 2025-06-18, Streamable HTTP, "Protocol Version Header": an unsupported version is 400;
        // none at all is taken (the client is then assumed to speak 2025-03-26).
        for (String version : new String[] {"1999-01-01", "2024-11-05", ""}) {
            Http.Response unsupported = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("MCP-Protocol-Version", version)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build());
            assertRefused(unsupported, 400, -32600);
            assertThat(unsupported.json().path("error").path("message").asString()).as(version).contains("2025-06-18");
        }
        Http.Response supported = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build());
        assertThat(supported.status()).as(supported.toString()).isEqualTo(200);
        // GET is 405 naming what the server takes, and OPTIONS says the same.
        Http.Response get = http.get("/mcp", token);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST, OPTIONS");
        // The well-formed request is answered.
        Http.Response ping = post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        assertThat(ping.status()).as(ping.toString()).isEqualTo(200);
        assertThat(ping.json().path("result").isObject()).as(ping.body()).isTrue();
        assertNoErrorLogged(output);
    }

    @Test
    void anAcceptWithoutBothMediaTypesIsNotAcceptableInPlainWords(CapturedOutput output) {
        String token = delegateToken();
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        // Both types listed across two Accept headers, in either order, are both listed: the SDK read
        // only the first header and answered its exception serialized whole (black-box testing, 2026-12-07).
        for (List<String> accepts : List.of(List.of("application/json", "text/event-stream"), List.of("text/event-stream", "application/json"))) {
            HttpRequest.Builder twoHeaders = HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ping));
            accepts.forEach(accept -> twoHeaders.header("Accept", accept));
            Http.Response answered = http.send(twoHeaders.build());
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.json().path("result").isObject()).as(answered.body()).isTrue();
        }
        assertThat(http.send(request(token, "text/event-stream;q=0.5, application/json;charset=utf-8", ping)).status()).isEqualTo(200);
        // Media types, not substrings; one of quality 0 is not acceptable (RFC 9110 section 12.5.1); a
        // wildcard lists neither (MCP "Transports", Streamable HTTP: the client lists both).
        for (String accept : new String[] {"application/json", "text/event-stream", "*/*", "application/*, text/*",
                "application/jsonx, text/event-streamy", "application/json;q=0, text/event-stream;q=0",
                "application/json, text/event-stream;q=0", "application/json, text/event-stream, not a type"}) {
            Http.Response answer = http.send(request(token, accept, ping));
            assertRefused(answer, 406, -32600);
            assertThat(answer.json().path("error").path("message").asString()).as(accept).contains("application/json", "text/event-stream");
        }
        assertNoErrorLogged(output);
    }

    @Test
    void paramsOfTheWrongShapeAreInvalidParamsInPlainWords(CapturedOutput output) {
        String token = delegateToken();
        for (String params : new String[] {
                "{\"name\":\"get_profile\",\"arguments\":\"notobject\"}",
                "{\"name\":\"get_profile\",\"arguments\":[1,2]}",
                "{\"arguments\":{}}",
                "{\"name\":7}",
                "\"get_profile\"",
                "[]"}) {
            Http.Response answer = post(token, "{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"method\":\"tools/call\",\"params\":" + params + "}");
            assertInvalidParams(answer, "c1");
            // The shape, said in words (a call without a name was "There is no tool named “null”").
            assertThat(answer.json().path("error").path("message").asString()).as(params).startsWith("tools/call takes params");
        }
        assertInvalidParams(post(token, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\"}"), 5);
        assertInvalidParams(post(token, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"initialize\"}"), 6);
        assertInvalidParams(post(token, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"capabilities\":\"x\"}}"), 7);
        // Each of initialize's three members is required (MCP schema, InitializeRequest), and the
        // optional params of tools/list and ping are an object when given (JSON-RPC 2.0 section 4.2):
        // these were answered as if well formed (black-box finding, 2026-12-07).
        for (String[] sent : new String[][] {{"initialize", "{}"}, {"initialize", "{\"protocolVersion\":\"2025-06-18\"}"},
                {"initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":\"me\"}"},
                {"tools/list", "\"x\""}, {"tools/list", "5"}, {"tools/list", "[]"}, {"tools/list", "{\"cursor\":5}"},
                {"ping", "\"x\""}, {"ping", "5"}, {"ping", "[]"}}) {
            Http.Response answer = post(token, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"" + sent[0] + "\",\"params\":" + sent[1] + "}");
            assertInvalidParams(answer, 9);
            assertThat(answer.json().path("error").path("message").asString()).as(sent[1]).startsWith(sent[0] + " takes");
        }
        for (String[] sent : new String[][] {{"tools/list", "{}"}, {"ping", "{}"}}) {
            Http.Response answer = post(token, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"" + sent[0] + "\",\"params\":" + sent[1] + "}");
            assertThat(answer.json().has("result")).as(answer.body()).isTrue();
        }
        // The same call with an object is answered.
        Http.Response called = post(token, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"get_profile\",\"arguments\":{}}}");
        assertThat(called.status()).isEqualTo(200);
        assertThat(called.json().path("result").path("isError").asBoolean()).as(called.body()).isFalse();
        assertNoErrorLogged(output);
        assertThat(output.getOut()).doesNotContain("missing required field");
    }

    /**
     * The query string of the MCP address is the MCP request's, not the tool's: the forwarded API
     * request carries only what the tool's arguments give (docs/agents.md, "How it works"). It was
     * merged in, so that {@code /mcp?limit=1} broke a call giving {@code limit}, and {@code ?x=1&x=2}
     * every call, recorded as a request the assistant never made (black-box finding, 2026-12-07).
     */
    @Test
    void theQueryStringOfTheMcpAddressDoesNotReachTheToolsApiRequest() {
        Member holder = Members.create(baseUrl(), "mcpqueryh");
        Member agent = Members.create(baseUrl(), "mcpquerya");
        String token = mcpToken(Delegations.activeGrant(http, holder, agent, List.of("profile:read", "contacts:read")), agent);
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"%s\",\"arguments\":%s}}";
        for (String[] sent : new String[][] {{"?limit=1", "list_contacts", "{\"limit\":5}"}, {"?limit=abc", "list_contacts", "{}"},
                {"?x=1&x=2", "get_profile", "{}"}}) {
            Http.Response answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp" + sent[0]))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(call, sent[1], sent[2]))).build());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().path("result").path("isError").asBoolean()).as(sent[0] + " " + answer.body()).isFalse();
        }
        assertThat(entry(holder, "profile.read", "success").path("actor").path("id").asString()).isEqualTo(agent.id());
        assertThat(activity(holder)).noneMatch(e -> e.path("outcome").asString().equals("denied"));
    }

    /**
     * A tool's argument for a query parameter is one value: a list or an object given for text was
     * sent as its JSON and answered an empty list as if nothing matched (black-box finding,
     * 2026-12-07). It is a tool error naming the argument, as a body field of the wrong type is.
     */
    @Test
    void aListOrObjectGivenForATextArgumentIsAToolErrorInPlainWords(CapturedOutput output) {
        Member holder = Members.create(baseUrl(), "mcptypeh");
        Member agent = Members.create(baseUrl(), "mcptypea");
        McpSyncClient client = client(mcpToken(Delegations.activeGrant(http, holder, agent, List.of("contacts:read")), agent));
        client.initialize();
        for (Map<String, Object> arguments : List.<Map<String, Object>>of(Map.of("q", List.of("Amir")), Map.of("q", Map.of("a", "Amir")),
                Map.of("tag", List.of("a", "b")), Map.of("limit", List.of(5)))) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("list_contacts", arguments));
            assertThat(result.isError()).as(arguments + ": " + result).isTrue();
            String text = ((McpSchema.TextContent) result.content().get(0)).text();
            assertThat(INTERNALS).noneMatch(text::contains);
            JsonNode problem = Http.JSON.readTree(text);
            String name = arguments.keySet().iterator().next();
            assertThat(problem.path("status").asInt()).as(text).isEqualTo(400);
            assertThat(problem.path("field").asString()).as(text).isEqualTo(name);
            assertThat(problem.path("detail").asString()).as(text).startsWith(name + " is one value");
        }
        McpSchema.CallToolResult plain = client.callTool(new McpSchema.CallToolRequest("list_contacts", Map.of("q", "Amir", "limit", 5)));
        assertThat(plain.isError()).as(plain.toString()).isFalse();
        client.closeGracefully();
        assertNoErrorLogged(output);
    }

    /**
     * docs/security.md rule 41 and docs/configuration.md: a call whose API request was answered 503
     * (its grant's row held by a slow change; no free database connection) is the transport's 503
     * with the API's {@code Retry-After}, and a JSON-RPC error that says to retry and when, with no
     * ERROR in the log. It was a 200: a tool result for the collision, and -32603 "The request
     * failed." with a stack trace for the pool's timeout (black-box finding, 2026-12-07).
     */
    @Test
    void aCallThatFindsTheServiceBusyIs503WithRetryAfterAndNoErrorLogged(CapturedOutput output) throws Exception {
        Member holder = Members.create(baseUrl(), "mcpbusyh");
        Member agent = Members.create(baseUrl(), "mcpbusya");
        String grant = Delegations.activeGrant(http, holder, agent, List.of("profile:read"));
        String token = mcpToken(grant, agent);
        String call = "{\"jsonrpc\":\"2.0\",\"id\":\"b1\",\"method\":\"tools/call\",\"params\":{\"name\":\"get_profile\",\"arguments\":{}}}";
        assertThat(post(token, call).json().path("result").path("isError").asBoolean()).isFalse();

        // The grant's row locked by another transaction: the call's lock wait gives up (5 s, config/application-mysql.yml).
        try (java.sql.Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = other.prepareStatement("SELECT id FROM delegation_grant WHERE id = ? FOR UPDATE")) {
                lock.setString(1, grant);
                lock.executeQuery().close();
            }
            assertBusy(post(token, call), "5");
            other.rollback();
        }
        // Every connection of the pool in use: the call's wait for one gives up (3 s, BEHALF_DB_POOL_WAIT_MS).
        McpSyncClient client = client(token);
        client.initialize();
        List<java.sql.Connection> held = new ArrayList<>();
        try {
            int size = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize();
            for (int i = 0; i < size; i++) {
                held.add(dataSource.getConnection());
            }
            assertBusy(post(token, call), "1");
            // An independent MCP client takes it as the error it is, at once: the SDK's (0.15) as a failed send, without
            // reading the body; the official Python SDK (2.3) reads the JSON-RPC error of a non-2xx answer, retryAfter included.
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("get_profile", Map.of())))
                    .isInstanceOf(RuntimeException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the client's 20 s timeout").isLessThan(Duration.ofSeconds(10));
        } finally {
            for (java.sql.Connection connection : held) {
                connection.close();
            }
        }
        assertThat(post(token, call).json().path("result").path("isError").asBoolean()).as("served again").isFalse();
        client.closeGracefully();
        assertNoErrorLogged(output);
        assertThat(output.getOut()).doesNotContain("Servlet.service()");
    }

    private static void assertBusy(Http.Response answer, String retryAfter) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).as(answer.toString()).isEqualTo(retryAfter);
        assertThat(INTERNALS).as(answer.body()).noneMatch(answer.body()::contains);
        JsonNode error = answer.json();
        assertThat(error.path("id").asString()).as(answer.body()).isEqualTo("b1");
        assertThat(error.path("error").path("code").asInt()).as(answer.body()).isEqualTo(-32004);
        assertThat(error.path("error").path("message").asString()).as(answer.body()).contains("Try again");
        assertThat(error.path("error").path("data").path("status").asInt()).as(answer.body()).isEqualTo(503);
        assertThat(error.path("error").path("data").path("retryAfter").asInt()).as(answer.body()).isEqualTo(Integer.parseInt(retryAfter));
    }

    /**
     * A tool's query arguments are the API request's query (docs/agents.md, "Tools"): {@code limit} and
     * {@code cursor} page, {@code q} and {@code tag} filter, {@code direction} chooses, and a bad value
     * is the API's 400 naming it. None of them reached the API: every call answered the first page of
     * everything, and an assistant following {@code next} got that page again for ever (black-box
     * finding, 2026-12-07, agents 1).
     */
    @Test
    void aToolsQueryArgumentsPageFilterAndChooseAsTheApisQueryDoes() {
        Member holder = Members.create(baseUrl(), "mcppageh");
        Member agent = Members.create(baseUrl(), "mcppagea");
        Member other = Members.create(baseUrl(), "mcppageo");
        for (String name : List.of("Ada Page", "Bea Page", "Cy Page")) {
            assertThat(http.post("/api/v1/contacts", holder.accessToken(), Map.of("name", name, "tags", List.of(name.substring(0, 2).toLowerCase(java.util.Locale.ROOT)))).status())
                    .isEqualTo(201);
        }
        assertThat(http.post("/api/v1/invitations", other.accessToken(), Map.of("to", holder.id())).status()).isEqualTo(201);
        McpSyncClient client = client(mcpToken(Delegations.activeGrant(http, holder, agent,
                List.of("contacts:read", "invitations:read")), agent));
        client.initialize();

        JsonNode first = toolAnswer(client, "list_contacts", Map.of("limit", 1));
        assertThat(first.path("items")).as(first.toString()).hasSize(1);
        assertThat(first.path("next").isNull()).as(first.toString()).isFalse();
        JsonNode second = toolAnswer(client, "list_contacts", Map.of("limit", 1, "cursor", first.path("next").asString()));
        assertThat(second.path("items")).as(second.toString()).hasSize(1);
        assertThat(second.path("items").get(0).path("id").asString()).isNotEqualTo(first.path("items").get(0).path("id").asString());
        assertThat(toolAnswer(client, "list_contacts", Map.of("q", "Bea")).path("items").findValuesAsString("name")).containsExactly("Bea Page");
        assertThat(toolAnswer(client, "list_contacts", Map.of("tag", "cy")).path("items").findValuesAsString("name")).containsExactly("Cy Page");
        assertThat(toolAnswer(client, "list_invitations", Map.of("direction", "received")).path("items")).hasSize(1);
        assertThat(toolAnswer(client, "list_invitations", Map.of("direction", "sent")).path("items")).isEmpty();

        McpSchema.CallToolResult zero = client.callTool(new McpSchema.CallToolRequest("list_contacts", Map.of("limit", 0)));
        assertThat(zero.isError()).as(zero.toString()).isTrue();
        JsonNode problem = Http.JSON.readTree(((McpSchema.TextContent) zero.content().get(0)).text());
        assertThat(problem.path("status").asInt()).as(problem.toString()).isEqualTo(400);
        assertThat(problem.path("field").asString()).as(problem.toString()).isEqualTo("limit");
        client.closeGracefully();
    }

    private static JsonNode toolAnswer(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool + " " + arguments + ": " + result).isFalse();
        return Http.JSON.readTree(((McpSchema.TextContent) result.content().get(0)).text());
    }

    /**
     * An id no path can carry (docs/security.md rule 35: a path in its one plain form) cannot be an
     * id of Behalf's: the tool answers what the API answers for any id that does not exist.
     */
    @Test
    void anIdThatCannotBeInAPathIsNotFoundLikeAnyIdThatDoesNotExist(CapturedOutput output) {
        Member holder = Members.create(baseUrl(), "mcpidh");
        Member agent = Members.create(baseUrl(), "mcpida");
        McpSyncClient client = client(mcpToken(Delegations.activeGrant(http, holder, agent,
                List.of("profile:read", "invitations:respond", "messages:read")), agent));
        client.initialize();
        // Longer than any id could be (a prefix and 22 characters): the API took no such request either
        // (the container refuses a request line over 8 KB), and a million characters went into the log.
        String tooLong = "c".repeat(1_000_000);
        JsonNode longest = toolError(client, "list_interactions", tooLong);
        assertThat(longest.path("status").asInt()).isEqualTo(404);
        assertThat(longest.toString()).doesNotContain("c".repeat(100));
        assertThat(toolError(client, "accept_invitation", "c".repeat(81)).path("status").asInt()).isEqualTo(404);
        assertThat(activity(holder)).as("calls not forwarded leave no entry").noneMatch(e -> e.toString().contains("c".repeat(81)));
        // As long as an id may be: forwarded, answered and recorded.
        assertThat(toolError(client, "accept_invitation", "c".repeat(80)).path("status").asInt()).isEqualTo(404);
        assertThat(activity(holder)).anyMatch(e -> e.toString().contains("c".repeat(80)));
        JsonNode unknown = toolError(client, "accept_invitation", "inv_doesnotexist");
        assertThat(unknown.path("status").asInt()).isEqualTo(404);
        for (String id : new String[] {"a/b", "a%2Fb", "100%", "a\\b", "a;b", "a\u0000b", "a\nb", "a\u2028b", ".", "..",
                // Forwarded, as any id the firewall takes.
                "a b", "\u00e9"}) {
            JsonNode answer = toolError(client, "accept_invitation", id);
            for (String field : new String[] {"type", "title", "status", "detail"}) {
                assertThat(answer.path(field)).as(id + ": " + answer).isEqualTo(unknown.path(field));
            }
        }
        // Another tool, the same answer (forwarded, this one was refused as a path not normalized).
        assertThat(toolError(client, "read_messages", "..").path("status").asInt()).isEqualTo(404);
        // A query parameter carries any value: the API reads it and answers.
        McpSchema.CallToolResult listed = client.callTool(new McpSchema.CallToolRequest("read_messages",
                Map.of("id", "cnv_doesnotexist", "cursor", "a/b%2F;\\..\u0000")));
        assertThat(listed.isError()).as(listed.toString()).isTrue();
        client.closeGracefully();
        assertNoErrorLogged(output);
    }

    private JsonNode toolError(McpSyncClient client, String tool, String id) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, Map.of("id", id)));
        assertThat(result.isError()).as(id + ": " + result).isTrue();
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        assertThat(INTERNALS).noneMatch(text::contains);
        return Http.JSON.readTree(text);
    }

    private static void assertRefused(Http.Response answer, int status, int code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(INTERNALS).as(answer.body()).noneMatch(answer.body()::contains);
        JsonNode error = answer.json();
        assertThat(error.path("jsonrpc").asString()).as(answer.body()).isEqualTo("2.0");
        assertThat(error.has("id") && error.path("id").isNull()).as(answer.body()).isTrue();
        assertThat(error.path("error").path("code").asInt()).as(answer.body()).isEqualTo(code);
        assertThat(error.path("error").path("message").asString()).as(answer.body()).isNotBlank();
    }

    /** A request's own error: answered like any JSON-RPC error of a request, with its id (and HTTP 200, as the SDK answers an unknown tool). */
    private static void assertInvalidParams(Http.Response answer, Object id) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(INTERNALS).as(answer.body()).noneMatch(answer.body()::contains);
        JsonNode error = answer.json();
        assertThat(error.path("id").toString()).as(answer.body()).isEqualTo(Http.JSON.writeValueAsString(id));
        assertThat(error.path("error").path("code").asInt()).as(answer.body()).isEqualTo(-32602);
        assertThat(error.path("error").path("message").asString()).as(answer.body()).isNotBlank();
    }

    private static void assertNoErrorLogged(CapturedOutput output) {
        assertThat(output.getOut().lines().filter(line -> line.contains(" ERROR ")))
                .as("ERROR lines for a client's bad input").isEmpty();
    }

    private Http.Response post(String token, String body) {
        return http.send(request(token, "application/json, text/event-stream", body));
    }

    private HttpRequest request(String token, String accept, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** A delegation token for the MCP server, under a grant of the scopes the error tests' tools need. */
    private String delegateToken() {
        Member holder = Members.create(baseUrl(), "mcperrh");
        Member agent = Members.create(baseUrl(), "mcperra");
        return mcpToken(Delegations.activeGrant(http, holder, agent, List.of("profile:read", "invitations:respond", "messages:read")), agent);
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
