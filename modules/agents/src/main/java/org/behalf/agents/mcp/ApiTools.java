package org.behalf.agents.mcp;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

/**
 * The tools of the MCP server, one to one with the resource API operations a delegate may use
 * (DESIGN.md section 6, "AI assistants"). Which scope each needs is not said here but read from the
 * operation's own {@code @ResourceAccess} ({@link DeclaredOperations}), so that the list and the
 * enforcement cannot disagree; an operation closed to delegates cannot be a tool (the server does
 * not start).
 */
final class ApiTools {

    static final List<ApiTool> ALL = List.of(
            new ApiTool("get_profile", "Read the account holder's profile.", GET, "/api/v1/profile"),
            new ApiTool("update_profile", "Change fields of the account holder's profile; fields not given stay as they are.",
                    PATCH, "/api/v1/profile"),
            new ApiTool("list_invitations", "List the holder's invitations, newest first.",
                    GET, "/api/v1/invitations"),
            new ApiTool("send_invitation", "Invite a member to connect with the holder.", POST, "/api/v1/invitations"),
            new ApiTool("accept_invitation", "Accept an invitation the holder received.", POST, "/api/v1/invitations/{id}/accept"),
            new ApiTool("decline_invitation", "Decline an invitation the holder received.", POST, "/api/v1/invitations/{id}/decline"),
            new ApiTool("ignore_invitation", "Ignore an invitation the holder received.", POST, "/api/v1/invitations/{id}/ignore"),
            new ApiTool("withdraw_invitation", "Withdraw an invitation the holder sent.", DELETE, "/api/v1/invitations/{id}"),
            new ApiTool("list_contacts", "List the holder's contacts.", GET, "/api/v1/contacts"),
            new ApiTool("create_contact", "Add a contact to the holder's address book.", POST, "/api/v1/contacts"),
            new ApiTool("list_interactions", "List the interactions logged with a contact.", GET, "/api/v1/contacts/{id}/interactions"),
            new ApiTool("log_interaction", "Log an interaction with a contact.", POST, "/api/v1/contacts/{id}/interactions"),
            new ApiTool("list_conversations", "List the holder's conversations.", GET, "/api/v1/conversations"),
            new ApiTool("read_messages", "Read the messages of a conversation.", GET, "/api/v1/conversations/{id}/messages"),
            new ApiTool("send_message", "Send a message in a conversation.", POST, "/api/v1/conversations/{id}/messages"));

    private ApiTools() {
    }
}
