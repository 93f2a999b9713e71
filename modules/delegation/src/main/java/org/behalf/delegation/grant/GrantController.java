package org.behalf.delegation.grant;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/delegations} (DESIGN.md section 6). The holder's side needs
 * {@code delegation:manage}, which only first-party clients carry and no delegate ever holds;
 * the delegate's side (list, accept, decline, resign) needs the delegate's own token with
 * {@code delegation:act}, never a delegation token (rule 4: no re-delegation).
 */
@RestController
@RequestMapping("/api/v1/delegations")
class GrantController {

    private static final int MAX_PAGE = 200;

    private final GrantService grants;

    GrantController(GrantService grants) {
        this.grants = grants;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "409", description = "You already have the most pending or active grants allowed (5); revoke one first.")
    @ApiResponse(responseCode = "429", description = "Too many wrong two-step codes for this account (ten in 15 minutes, wherever a code is asked for); Retry-After says when to try again, and the code is not checked (docs/security.md rule 37).")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.create")
    GrantView create(Caller holder, @RequestBody GrantRequest request) {
        return GrantView.of(grants.create(holder, request), grants.now(), true);
    }

    @GetMapping(params = "!role")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.list")
    Map<String, Object> listDefault(Caller holder, @RequestParam(required = false) String cursor,
                                    @RequestParam(defaultValue = "50") int limit) {
        return listAsHolder(holder, cursor, limit);
    }

    @GetMapping(params = "role=holder")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.list")
    Map<String, Object> listAsHolder(Caller holder, @RequestParam(required = false) String cursor,
                                     @RequestParam(defaultValue = "50") int limit) {
        int size = size(limit);
        return page(grants.listAsHolder(holder, cursor, size + 1).stream().map(g -> GrantView.of(g, grants.now(), true)).toList(), size);
    }

    @GetMapping(params = "role=delegate")
    @ResourceAccess(scope = "delegation:act", delegates = false, action = "delegation.list")
    Map<String, Object> listAsDelegate(Caller delegate, @RequestParam(required = false) String cursor,
                                       @RequestParam(defaultValue = "50") int limit) {
        int size = size(limit);
        return page(grants.listAsDelegate(delegate, cursor, size + 1).stream().map(g -> GrantView.of(g, grants.now(), false)).toList(),
                size);
    }

    @GetMapping(path = "/{id}", params = "role!=delegate")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.read")
    GrantView get(Caller holder, @PathVariable String id) {
        return GrantView.of(grants.getAsHolder(holder, id), grants.now(), true);
    }

    /** One grant as its delegate sees it (DESIGN.md section 6: either side, by role). */
    @GetMapping(path = "/{id}", params = "role=delegate")
    @ResourceAccess(scope = "delegation:act", delegates = false, action = "delegation.read")
    GrantView getAsDelegate(Caller delegate, @PathVariable String id) {
        return GrantView.of(grants.getAsDelegate(delegate, id), grants.now(), false);
    }

    @PatchMapping("/{id}")
    @ApiResponse(responseCode = "200", description = "The grant as changed.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The grant has ended; only pending or active grants change.")
    @ApiResponse(responseCode = "429", description = "Too many wrong two-step codes for this account (ten in 15 minutes, wherever a code is asked for); Retry-After says when to try again, and the code is not checked (docs/security.md rule 37).")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.update")
    GrantView change(Caller holder, @PathVariable String id, @RequestBody GrantRequest request) {
        return GrantView.of(grants.change(holder, id, request), grants.now(), true);
    }

    @PostMapping("/{id}/revoke")
    @ApiResponse(responseCode = "200", description = "The grant, revoked.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The grant is already revoked or otherwise ended.")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.revoke")
    GrantView revoke(Caller holder, @PathVariable String id) {
        return GrantView.of(grants.revoke(holder, id), grants.now(), true);
    }

    @PostMapping("/revoke-all")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.revoke_all")
    Map<String, Object> revokeAll(Caller holder) {
        return page(grants.revokeAll(holder).stream().map(g -> GrantView.of(g, grants.now(), true)).toList());
    }

    @PostMapping("/{id}/accept")
    @ApiResponse(responseCode = "200", description = "The grant, active.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The grant is not pending.")
    @ResourceAccess(scope = "delegation:act", delegates = false, action = "delegation.accept")
    GrantView accept(Caller delegate, @PathVariable String id) {
        return GrantView.of(grants.accept(delegate, id), grants.now(), false);
    }

    @PostMapping("/{id}/decline")
    @ApiResponse(responseCode = "200", description = "The grant, declined.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The grant is not pending.")
    @ResourceAccess(scope = "delegation:act", delegates = false, action = "delegation.decline")
    GrantView decline(Caller delegate, @PathVariable String id) {
        return GrantView.of(grants.decline(delegate, id), grants.now(), false);
    }

    @PostMapping("/{id}/resign")
    @ApiResponse(responseCode = "200", description = "The grant, resigned.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The grant is not active.")
    @ResourceAccess(scope = "delegation:act", delegates = false, action = "delegation.resign")
    GrantView resign(Caller delegate, @PathVariable String id) {
        return GrantView.of(grants.resign(delegate, id), grants.now(), false);
    }

    private static Map<String, Object> page(List<GrantView> items) {
        java.util.HashMap<String, Object> page = new java.util.HashMap<>();
        page.put("items", items);
        page.put("next", null);
        return page;
    }

    /** A page of at most {@code size}, fetched one longer: the extra one says there is a next page. */
    private static Map<String, Object> page(List<GrantView> fetched, int size) {
        Map<String, Object> page = page(fetched.size() > size ? fetched.subList(0, size) : fetched);
        if (fetched.size() > size) {
            page.put("next", fetched.get(size - 1).id());
        }
        return page;
    }

    private static int size(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequest("limit", "A page holds 1 to " + MAX_PAGE + " grants.");
        }
        return limit;
    }
}
