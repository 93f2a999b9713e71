package org.behalf.identity.member;

import java.util.HashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * AI assistants as members (DESIGN.md section 6, "AI assistants"; issue 21): a person creates and
 * lists the agents they run with their own account's token ({@code account:manage}, never a
 * delegate's), and a holder about to grant one looks it up by handle to see who runs it
 * ({@code delegation:manage}, what granting needs).
 */
@RestController
class AgentController {

    private final MemberService members;

    AgentController(MemberService members) {
        this.members = members;
    }

    @PostMapping("/api/v1/agents")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "409", description = "The handle cannot be used (taken, or held back), or you already run the most assistants allowed (20).")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "agent.create")
    MemberService.AgentView create(Caller operator, @RequestBody MemberService.NewAgent request) {
        return members.registerAgent(operator.subject(), request);
    }

    @GetMapping("/api/v1/agents")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "agent.list")
    Map<String, Object> list(Caller operator) {
        // Lists answer {"items", "next"} (DESIGN.md section 6); one page, at most MemberService.MAX_AGENTS.
        Map<String, Object> page = new HashMap<>();
        page.put("items", members.agentsOf(operator.subject()));
        page.put("next", null);
        return page;
    }

    @GetMapping("/api/v1/agents/{handle}")
    // "Not an assistant" is an answer, not a reach into another account: the holder's own look-up is not logged (rule 20's exception).
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "agent.read", notFoundRecorded = false)
    MemberService.AgentView byHandle(Caller holder, @PathVariable String handle) {
        return members.agentByHandle(handle).orElseThrow(InvalidRequest::notFound);
    }
}
