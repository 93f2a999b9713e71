package org.behalf.agents.mcp;

import org.springframework.http.HttpMethod;

/**
 * One MCP tool: one resource API operation a delegate may use (DESIGN.md section 6, "AI
 * assistants"), named by its method and its path template exactly as its handler maps it.
 */
record ApiTool(String name, String description, HttpMethod method, String path) {
}
