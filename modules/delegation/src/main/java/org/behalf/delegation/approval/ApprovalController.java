package org.behalf.delegation.approval;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.api.MemberDirectory;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.ResourceAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/approvals}: the holder's staged changes (DESIGN.md section 6), and with
 * {@code role=delegate} the changes a helper proposed, with their own token. Deciding is the
 * holder's alone and never delegable.
 */
@RestController
class ApprovalController {

    private static final int LIST_LIMIT = 200;

    private final ApprovalService approvals;
    private final MemberDirectory members;

    ApprovalController(ApprovalService approvals, MemberDirectory members) {
        this.approvals = approvals;
        this.members = members;
    }

    /**
     * An approval as the API answers it: who proposed it for whom (id, handle, display name), per
     * field the value before and the value proposed, and for the holder, while it waits, the value
     * now and whether it was changed since ({@code state} {@code conflict}).
     */
    record ApprovalView(String id, String status, @Nullable String state, @Nullable String grantId, Map<String, String> holder,
                        Map<String, String> delegate, @Nullable String clientId, String action, @Nullable String scope,
                        List<FieldState> changes, Map<String, String> request, Instant createdAt, @Nullable Instant decidedAt,
                        @Nullable Map<String, Object> result) {
    }

    /**
     * The holder's list, with no role or {@code role=holder}, as {@code /api/v1/delegations} chooses its side:
     * any other role matches no handler and is refused with 400, rather than read as the holder's.
     */
    @GetMapping(path = "/api/v1/approvals", params = "!role")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "approval.list")
    Map<String, Object> listDefault(Caller holder, @RequestParam(required = false) String status) {
        return list(holder, status);
    }

    @GetMapping(path = "/api/v1/approvals", params = "role=holder")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "approval.list")
    Map<String, Object> list(Caller holder, @RequestParam(required = false) String status) {
        return page(approvals.list(holder, status, LIST_LIMIT), true);
    }

    /** The helper's own record: what they proposed, to whom, and what became of it. */
    @GetMapping(path = "/api/v1/approvals", params = "role=delegate")
    @ResourceAccess(scope = "delegation:act", delegates = false, action = "approval.list")
    Map<String, Object> proposed(Caller delegate, @RequestParam(required = false) String status) {
        return page(approvals.proposedBy(delegate, status, LIST_LIMIT), false);
    }

    @PostMapping("/api/v1/approvals/{id}/approve")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "approval.approve", refusalsRecorded = true)
    ApprovalView approve(Caller holder, @PathVariable String id, @RequestBody(required = false) Map<String, Object> body,
                         HttpServletRequest request) {
        // SECURITY-CASES 21: an unknown field is refused, never ignored, as in every other body.
        if (body != null) {
            body.keySet().stream().filter(field -> !"overwrite".equals(field)).findFirst().ifPresent(field -> {
                throw new InvalidRequest(field, "Unknown field: " + field + ". It cannot be set here.");
            });
        }
        Object overwrite = body == null ? null : body.get("overwrite");
        if (overwrite != null && !(overwrite instanceof Boolean)) {
            throw new InvalidRequest("overwrite", "Overwrite is true or false.");
        }
        return view(approvals.approve(holder, id, Boolean.TRUE.equals(overwrite), request), true, new HashMap<>());
    }

    @PostMapping("/api/v1/approvals/{id}/reject")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "approval.reject", refusalsRecorded = true)
    ApprovalView reject(Caller holder, @PathVariable String id) {
        return view(approvals.reject(holder, id), true, new HashMap<>());
    }

    private Map<String, Object> page(List<Approval> found, boolean holderView) {
        Map<String, Map<String, String>> people = new HashMap<>();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", found.stream().map(a -> view(a, holderView, people)).toList());
        page.put("next", null);
        return page;
    }

    private ApprovalView view(Approval a, boolean holderView, Map<String, Map<String, String>> people) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("method", a.method());
        request.put("path", a.path());
        request.put("contentType", a.contentType());
        request.put("body", a.body());
        Map<String, Object> result = null;
        if (a.resultStatus() != null) {
            result = new LinkedHashMap<>();
            result.put("status", a.resultStatus());
            result.put("detail", a.result());
        }
        List<FieldState> fields = holderView ? approvals.fields(a, true) : approvals.proposal(a);
        return new ApprovalView(a.id(), a.status(), holderView ? approvals.state(a, fields) : null, a.grantId(),
                person(a.holderId(), people), person(a.delegateId(), people), a.clientId(), a.action(), a.scope(), fields,
                request, a.createdAt(), a.decidedAt(), result);
    }

    /** A person as people know them: display name and handle, never a bare id alone. */
    private Map<String, String> person(String id, Map<String, Map<String, String>> people) {
        return people.computeIfAbsent(id, known -> {
            Map<String, String> person = new LinkedHashMap<>();
            person.put("id", known);
            MemberDirectory.MemberRef member = members.findById(known).orElse(null);
            person.put("handle", member == null ? null : member.handle());
            person.put("displayName", member == null ? null : member.displayName());
            return person;
        });
    }
}
