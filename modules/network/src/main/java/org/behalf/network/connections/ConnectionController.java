package org.behalf.network.connections;

import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.ResourceAccess;
import org.behalf.network.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * First-degree connections (DESIGN.md section 6). Listing is delegable but sensitive; removing a
 * connection and blocking are the member's own decisions ("owner").
 */
@RestController
class ConnectionController {

    private final ConnectionService connections;

    ConnectionController(ConnectionService connections) {
        this.connections = connections;
    }

    @GetMapping("/api/v1/connections")
    @ResourceAccess(scope = "connections:read", delegates = true, action = "connection.list")
    Page<ConnectionService.ConnectionView> list(Caller caller, @RequestParam(required = false) String cursor,
                                                @RequestParam(required = false) Integer limit) {
        return connections.list(caller.subject(), cursor, limit);
    }

    @DeleteMapping("/api/v1/connections/{memberId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = ResourceAccess.OWNER, delegates = false, action = "connection.remove")
    void remove(Caller caller, @PathVariable String memberId) {
        connections.remove(caller.subject(), memberId);
    }

    @GetMapping("/api/v1/members/{memberId}/degree")
    @ResourceAccess(scope = "connections:read", delegates = true, action = "connection.degree")
    ConnectionService.DegreeView degree(Caller caller, @PathVariable String memberId) {
        return connections.degree(caller.subject(), memberId);
    }

    @GetMapping("/api/v1/blocks")
    @ResourceAccess(scope = ResourceAccess.OWNER, delegates = false, action = "block.list")
    Page<org.behalf.network.members.MemberSummary> blocked(Caller caller) {
        return new Page<>(connections.blocked(caller.subject()), null);
    }

    @PostMapping("/api/v1/blocks")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = ResourceAccess.OWNER, delegates = false, action = "block.add")
    void block(Caller caller, @RequestBody BlockRequest request) {
        if (request.memberId() == null || request.memberId().isBlank()) {
            throw new InvalidRequest("memberId", "Name the member to block.");
        }
        connections.block(caller.subject(), request.memberId());
    }

    @DeleteMapping("/api/v1/blocks/{memberId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = ResourceAccess.OWNER, delegates = false, action = "block.remove")
    void unblock(Caller caller, @PathVariable String memberId) {
        connections.unblock(caller.subject(), memberId);
    }

    record BlockRequest(String memberId) {
    }

}
