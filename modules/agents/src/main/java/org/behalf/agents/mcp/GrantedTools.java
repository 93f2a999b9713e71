package org.behalf.agents.mcp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import org.behalf.delegation.api.GrantsInForce;
import org.behalf.kernel.Caller;
import org.behalf.kernel.ClientAddress;
import reactor.core.publisher.Mono;

/**
 * Offers each caller only the tools their grant allows now (SECURITY-CASES 43): the SDK lists every
 * tool the server has, so its answer to {@code tools/list} is narrowed here, between the servlet
 * transport and the SDK's handler, to the operations whose declaration both the caller's token and
 * its grant as it stands satisfy, at this time and from this address (the grant's hours and ranges,
 * by the enforcement's own rule). The token alone would keep offering what a narrowed grant no
 * longer allows, everything once the grant is revoked, until it expires, and everything outside the
 * grant's hours or from an address outside its ranges, where every call is refused. A tool called anyway is
 * not stopped here: its API request is refused and recorded by the enforcement like any other
 * (ToolCalls).
 */
final class GrantedTools extends HandlerDecorator {

    /** Where the transport context keeps the verified caller of the MCP request. */
    static final String CALLER = "behalf.mcp.caller";

    private final Map<String, DeclaredOperations.Operation> operations;
    private final GrantsInForce grants;

    GrantedTools(McpStatelessServerTransport transport, List<DeclaredOperations.Operation> operations, GrantsInForce grants) {
        super(transport);
        this.grants = grants;
        this.operations = operations.stream().collect(Collectors.toMap(o -> o.tool().name(), o -> o));
    }

    @Override
    McpStatelessServerHandler wrap(McpStatelessServerHandler handler) {
        return new McpStatelessServerHandler() {
            @Override
            public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context, McpSchema.JSONRPCRequest request) {
                Mono<McpSchema.JSONRPCResponse> answer = handler.handleRequest(context, request);
                if (!McpSchema.METHOD_TOOLS_LIST.equals(request.method())) {
                    return answer;
                }
                HttpServletRequest mcpRequest = (HttpServletRequest) context.get(ToolCalls.REQUEST);
                Set<String> offered = offered((Caller) context.get(CALLER), mcpRequest == null ? null : ClientAddress.of(mcpRequest));
                return answer.map(response -> response.result() instanceof McpSchema.ListToolsResult list
                        ? McpSchema.JSONRPCResponse.result(response.id(), McpSchema.ListToolsResult.builder(
                                list.tools().stream().filter(tool -> offered.contains(tool.name())).toList()).build())
                        : response);
            }

            @Override
            public Mono<Void> handleNotification(McpTransportContext context, McpSchema.JSONRPCNotification notification) {
                return handler.handleNotification(context, notification);
            }
        };
    }

    /** The address is the one the forwarded call is checked from: the MCP request's. */
    private Set<String> offered(Caller caller, String address) {
        if (caller == null || address == null) {
            return Set.of();
        }
        Set<String> granted = grants.scopes(caller, address);
        if (granted.isEmpty()) {
            return Set.of();
        }
        return operations.values().stream().filter(operation -> operation.offeredTo(granted))
                .map(operation -> operation.tool().name()).collect(Collectors.toSet());
    }
}
