package org.behalf.agents.mcp;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.api.ProtectedResources;
import org.behalf.kernel.InvalidRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an address that is the MCP server's spelled otherwise ({@code /mcp/}, {@code /MCP}, anything
 * under {@code /mcp/}) with 404 naming the one it is at, whoever asks, before the security chains. An
 * MCP client author who configured the address with a slash at the end was answered 403 "This is not
 * allowed." by the pages' CSRF check, and given a session cookie (black-box finding, 2026-12-07,
 * agents 4).
 *
 * <p>Why 404 and not the 401 {@code /mcp} answers without a token: that 401 names the MCP server's
 * metadata, whose {@code resource} is {@code <server>/mcp}, and a client that followed it from another
 * address must not use it (RFC 9728 sections 3.3 and 7.3: the resource must be the URL the request was
 * made to); so discovery would end nowhere, or with a token for an address that still answers nothing.
 * The other spellings that could reach the server ({@code //mcp}, {@code /mcp;x}, dot segments, encoded
 * letters or slashes) are refused earlier, by the server's {@code CanonicalPaths} (docs/security.md rule 35).
 */
final class McpAddressVariants extends OncePerRequestFilter {

    private static final String UNDER = ProtectedResources.MCP_PATH + "/";

    private final IdentitySettings settings;
    private final JsonMapper json;

    McpAddressVariants(IdentitySettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(ProtectedResources.MCP_PATH)
                || !path.equalsIgnoreCase(ProtectedResources.MCP_PATH) && !path.toLowerCase(Locale.ROOT).startsWith(UNDER);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        new NotTheMcpAddress(ProtectedResources.mcp(settings.issuer(request))).write(request, response, json);
    }

    /** The server's 404 (its type and first words), saying where the MCP server is; a page to a browser. */
    private static final class NotTheMcpAddress extends InvalidRequest {

        NotTheMcpAddress(String mcp) {
            super(HttpStatus.NOT_FOUND, "not-found", "Not found", null, "There is nothing at this address. The MCP server is at "
                    + mcp + ", written exactly so: in lower case, with no slash at the end.");
        }
    }
}
