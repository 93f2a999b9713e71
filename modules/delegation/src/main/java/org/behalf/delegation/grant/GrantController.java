package org.behalf.delegation.grant;

import java.util.List;
import java.util.Map;

import org.behalf.identity.api.ResourceAccess;
import org.behalf.identity.api.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

    private static final int LIST_LIMIT = 200;

    private final GrantService grants;

    GrantController(GrantService grants) {
        this.grants = grants;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.create")
    GrantView create(Caller holder, @RequestBody GrantRequest request) {
        return GrantView.of(grants.create(holder, request), grants.now(), true);
    }

    @GetMapping(params = "!role")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.list")
    Map<String, Object> listDefault(Caller holder) {
        return listAsHolder(holder);
    }

    @GetMapping(params = "role=holder")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.list")
    Map<String, Object> listAsHolder(Caller holder) {
        return page(grants.listAsHolder(holder, LIST_LIMIT).stream().map(g -> GrantView.of(g, grants.now(), true)).toList());
    }

    @GetMapping(params = "role=delegate")
    @ResourceAccess(scope = "delegation:act", delegates = false, action = "delegation.list")
    Map<String, Object> listAsDelegate(Caller delegate) {
        return page(grants.listAsDelegate(delegate, LIST_LIMIT).stream().map(g -> GrantView.of(g, grants.now(), false)).toList());
    }

    @GetMapping("/{id}")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.read")
    GrantView get(Caller holder, @PathVariable String id) {
        return GrantView.of(grants.getAsHolder(holder, id), grants.now(), true);
    }

    @PatchMapping("/{id}")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "delegation.update")
    GrantView change(Caller holder, @PathVariable String id, @RequestBody GrantRequest request) {
        return GrantView.of(grants.change(holder, id, request), grants.now(), true);
    }

    @PostMapping("/{id}/revoke")
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
    @ResourceAccess(scope = "delegation:act", delegates = false, action = "delegation.accept")
    GrantView accept(Caller delegate, @PathVariable String id) {
        return GrantView.of(grants.accept(delegate, id), grants.now(), false);
    }

    @PostMapping("/{id}/decline")
    @ResourceAccess(scope = "delegation:act", delegates = false, action = "delegation.decline")
    GrantView decline(Caller delegate, @PathVariable String id) {
        return GrantView.of(grants.decline(delegate, id), grants.now(), false);
    }

    @PostMapping("/{id}/resign")
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
}
