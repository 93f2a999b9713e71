package org.behalf.agents.mcp;

import java.util.List;

import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * A step between the SDK's servlet transport and the SDK's handler ({@link GrantedTools},
 * {@link CheckedParams}): the transport as it is, with the handler it is given wrapped. The SDK has
 * no other place to see a request after its transport has read it and before its handler answers.
 */
abstract class HandlerDecorator implements McpStatelessServerTransport {

    private final McpStatelessServerTransport transport;

    HandlerDecorator(McpStatelessServerTransport transport) {
        this.transport = transport;
    }

    /** The handler the transport is to call instead of the SDK's own. */
    abstract McpStatelessServerHandler wrap(McpStatelessServerHandler handler);

    @Override
    public final void setMcpHandler(McpStatelessServerHandler handler) {
        transport.setMcpHandler(wrap(handler));
    }

    @Override
    public final Mono<Void> closeGracefully() {
        return transport.closeGracefully();
    }

    @Override
    public final List<String> protocolVersions() {
        return transport.protocolVersions();
    }
}
