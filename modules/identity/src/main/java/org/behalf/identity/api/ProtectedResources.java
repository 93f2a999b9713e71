package org.behalf.identity.api;

/**
 * The resources Behalf's access tokens are issued for (RFC 8707 resource indicators): the resource
 * API, audience {@code behalf-api}, and the MCP server for AI assistants (DESIGN.md section 6, "AI
 * assistants"), audience {@code <issuer>/mcp}. A token is accepted only by the resource it names,
 * so that an MCP token is refused on the plain API and an API token on the MCP server.
 */
public final class ProtectedResources {

    /** The audience ({@code aud}) of a token for the resource API. */
    public static final String API_AUDIENCE = "behalf-api";

    /** Where the MCP server answers (DESIGN.md section 6, path table). */
    public static final String MCP_PATH = "/mcp";

    private ProtectedResources() {
    }

    /** The MCP server's resource identifier (RFC 8707 section 2; RFC 9728 section 1.2): its URL. */
    public static String mcp(String issuer) {
        return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + MCP_PATH;
    }
}
