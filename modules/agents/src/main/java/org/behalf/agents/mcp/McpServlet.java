package org.behalf.agents.mcp;

import java.io.IOException;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;

/**
 * The servlet at {@code /mcp}: the SDK's transport for POST, 405 for any other method that reaches it
 * ({@link McpMethods} has answered OPTIONS and set {@code Allow}).
 *
 * <p>Why not the transport itself: Tomcat answers {@code TRACE} before any filter runs (its connector
 * refuses it) with an {@code Allow} built from the {@code do…} methods the mapped servlet's class
 * declares, and the transport declares {@code doGet}, so the answer named GET and HEAD, which the
 * stateless server refuses (black-box finding, 2026-12-07, agents 8; RFC 9110 section 15.5.6: a 405
 * names the methods the resource takes). This class declares {@code doPost} alone, so the container
 * names POST and OPTIONS, as every other answer does.
 */
final class McpServlet extends HttpServlet {

    private final transient HttpServletStatelessServerTransport transport;

    McpServlet(HttpServletStatelessServerTransport transport) {
        this.transport = transport;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        transport.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if ("POST".equals(request.getMethod())) {
            doPost(request, response);
        } else {
            // HttpServlet's own would answer 400 to an HTTP/1.0 GET and 501 to a method it does not know.
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        transport.service(request, response);
    }

    @Override
    public void destroy() {
        transport.destroy();
        super.destroy();
    }
}
