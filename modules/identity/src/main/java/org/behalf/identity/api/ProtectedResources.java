package org.behalf.identity.api;

import java.util.Optional;

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

    /** The resources a {@code resource} parameter may name. */
    public enum Target { API, MCP }

    /**
     * The resource API's identifier (RFC 8707 section 2): the server's URL, which is the issuer, and
     * the {@code resource} of its protected-resource metadata (RFC 9728 section 3.3).
     */
    public static String api(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** The MCP server's resource identifier (RFC 8707 section 2; RFC 9728 section 1.2): its URL. */
    public static String mcp(String issuer) {
        return api(issuer) + MCP_PATH;
    }

    /**
     * Which of our resources an RFC 8707 {@code resource} value names, the same answer at every grant
     * (black-box finding F17, 2026-12-07: the code flow ignored it and client credentials refused the
     * API's own identifier); empty for anything else, which each grant refuses as
     * {@code invalid_target} (RFC 8707 section 2). The API's identifier is taken with a trailing
     * {@code /} too, the same URL for http (RFC 3986 section 6.2.3); the MCP server's only exactly.
     */
    public static Optional<Target> named(String resource, String issuer) {
        String api = api(issuer);
        if (resource == null) {
            return Optional.empty();
        }
        if (resource.equals(api) || resource.equals(api + "/")) {
            return Optional.of(Target.API);
        }
        return resource.equals(mcp(issuer)) ? Optional.of(Target.MCP) : Optional.empty();
    }
}
