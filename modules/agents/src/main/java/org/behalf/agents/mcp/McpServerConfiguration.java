package org.behalf.agents.mcp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.behalf.delegation.api.GrantsInForce;
import org.behalf.kernel.Callers;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.api.ProtectedResources;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server at {@code /mcp} for AI assistants acting as delegates (DESIGN.md section 6, "AI
 * assistants"; issue 21), on the official MCP Java SDK and its servlet Streamable HTTP transport.
 *
 * <p>Why the SDK and not Spring AI's MCP server starter: the starter brings Spring AI's
 * auto-configuration (tool discovery from annotated beans, its own transport and security
 * wiring) for what is here one servlet and fifteen tools; with the SDK alone there are fewer
 * moving parts, nothing configured behind our back, and the authorization stays where it is for
 * the API, explicit: identity's token check and the delegation module's enforcement, which every
 * tool call passes as the API request it stands for (ToolCalls).
 *
 * <p>The transport is the SDK's stateless one: Streamable HTTP without a session, each POST
 * answered with its JSON-RPC response. No session lives in one node's memory, so any node of a
 * cluster answers any call (docs/operations.md), and each call is run on the request's own thread
 * ({@code immediateExecution}), inside which the forwarded API request runs with the caller's
 * security context.
 */
@Configuration(proxyBeanMethods = false)
class McpServerConfiguration {

    /** The server's name and version in the MCP {@code initialize} answer. */
    private static final String NAME = "behalf";
    private static final String VERSION = "1";
    /**
     * The largest JSON-RPC message taken (the SDK's default is 16 MB): as much as a form post
     * (config/application.yml, {@code max-http-form-post-size}); a profile edit is a few kilobytes.
     */
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    @Bean
    McpJsonMapper mcpJson(JsonMapper json) {
        return new JacksonMcpJsonMapper(json);
    }

    @Bean
    HttpServletStatelessServerTransport mcpTransport(McpJsonMapper json, JsonMapper appJson, Callers callers) {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(new PlainTransportErrors(json, new JsonRpcErrors(appJson)))
                .messageEndpoint(ProtectedResources.MCP_PATH)
                .maxRequestSize(MAX_MESSAGE_BYTES)
                .contextExtractor(request -> {
                    Map<String, Object> context = new HashMap<>();
                    context.put(ToolCalls.REQUEST, request);
                    callers.current().ifPresent(caller -> context.put(GrantedTools.CALLER, caller));
                    return McpTransportContext.create(context);
                })
                .build();
    }

    /**
     * Built on the bootstrap executor (Spring Boot's application task executor) beside the main thread:
     * building it took a third of a second of a start on one core, and nothing injects the server (it
     * installs itself on the transport). The context's refresh waits for it before the web server
     * takes requests.
     */
    @Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
    McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, McpJsonMapper json,
                                     DeclaredOperations operations, ToolCalls calls, GrantsInForce grants) {
        List<McpStatelessServerFeatures.SyncToolSpecification> tools = operations.all().stream()
                .map(operation -> McpStatelessServerFeatures.SyncToolSpecification.builder()
                        .tool(McpSchema.Tool.builder()
                                .name(operation.tool().name())
                                .description(operation.tool().description() + " Needs " + operation.access().scope() + ".")
                                .inputSchema(InputSchemas.of(operation))
                                .build())
                        .callHandler((context, call) -> calls.call(context, operation, call))
                        .build())
                .toList();
        return McpServer.sync(new CheckedParams(new GrantedTools(transport, operations.all(), grants), json, calls))
                .jsonMapper(json)
                .serverInfo(NAME, VERSION)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // The API checks the arguments as it checks any request, with its own answers.
                .validateToolInputs(false)
                .immediateExecution(true)
                .tools(tools)
                .build();
    }

    @Bean
    ServletRegistrationBean<McpServlet> mcpServlet(HttpServletStatelessServerTransport transport) {
        ServletRegistrationBean<McpServlet> registration = new ServletRegistrationBean<>(new McpServlet(transport), ProtectedResources.MCP_PATH);
        registration.setName("mcp");
        return registration;
    }

    @Bean
    FilterRegistrationBean<JsonRpcMessages> mcpMessages(JsonMapper json, HttpServletStatelessServerTransport transport, ToolCalls calls) {
        FilterRegistrationBean<JsonRpcMessages> registration = new FilterRegistrationBean<>(
                new JsonRpcMessages(json, new McpHeaders(transport.protocolVersions()), MAX_MESSAGE_BYTES, calls));
        registration.addUrlPatterns(ProtectedResources.MCP_PATH);
        // After McpCallers: a caller without a delegation token learns nothing of the message's form.
        registration.setOrder(1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ForwardedFailures> mcpForwardedFailures(JsonMapper json) {
        FilterRegistrationBean<ForwardedFailures> registration = new FilterRegistrationBean<>(new ForwardedFailures(json));
        registration.addUrlPatterns("/api/*");
        // Tool calls only: the API requests ToolCalls forwards. Before the enforcement (order 0), around it.
        registration.setDispatcherTypes(DispatcherType.FORWARD);
        registration.setOrder(-1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<McpOrigins> mcpOrigins(IdentitySettings settings, Callers callers, ToolCalls calls, JsonMapper json) {
        FilterRegistrationBean<McpOrigins> registration = new FilterRegistrationBean<>(new McpOrigins(settings, callers, calls, json));
        registration.addUrlPatterns(ProtectedResources.MCP_PATH);
        // First of the MCP server's own, for every method (OPTIONS too); after the security chain (order -100),
        // which has read the token, so that a delegate's refusal is recorded in the holder's log.
        registration.setOrder(-2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<McpMethods> mcpMethods() {
        FilterRegistrationBean<McpMethods> registration = new FilterRegistrationBean<>(new McpMethods());
        registration.addUrlPatterns(ProtectedResources.MCP_PATH);
        // Before McpCallers: OPTIONS needs no token, as on the API.
        registration.setOrder(-1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<McpAddressVariants> mcpAddressVariants(IdentitySettings settings, JsonMapper json) {
        FilterRegistrationBean<McpAddressVariants> registration = new FilterRegistrationBean<>(new McpAddressVariants(settings, json));
        // Every path: a servlet pattern is case-sensitive, and /MCP is one of the spellings answered.
        registration.addUrlPatterns("/*");
        // After the server's path and host checks (CanonicalPaths, DevelopmentOnThisMachine), before the
        // security chains (order -100), whose pages' CSRF check answered these addresses 403.
        registration.setOrder(-101);
        return registration;
    }

    @Bean
    FilterRegistrationBean<McpCallers> mcpCallers(Callers callers, JsonMapper json) {
        FilterRegistrationBean<McpCallers> registration = new FilterRegistrationBean<>(new McpCallers(callers, json));
        registration.addUrlPatterns(ProtectedResources.MCP_PATH);
        // After the security filter chain (order -100), which has read the token.
        registration.setOrder(0);
        return registration;
    }
}
