package org.behalf.delegation.approval;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.api.Caller;
import org.behalf.identity.api.ResourceAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/approvals}: the holder's staged changes (DESIGN.md section 6); never for delegates. */
@RestController
class ApprovalController {

    private static final int LIST_LIMIT = 200;

    private final ApprovalService approvals;

    ApprovalController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    /** An approval as the API answers it. */
    record ApprovalView(String id, String status, String grantId, Map<String, String> delegate, String clientId,
                        String action, String scope, Map<String, String> request, Instant createdAt, Instant decidedAt,
                        Map<String, Object> result) {

        static ApprovalView of(Approval a) {
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
            return new ApprovalView(a.id(), a.status(), a.grantId(), Map.of("id", a.delegateId()), a.clientId(), a.action(),
                    a.scope(), request, a.createdAt(), a.decidedAt(), result);
        }
    }

    @GetMapping("/api/v1/approvals")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "approval.list")
    Map<String, Object> list(Caller holder, @RequestParam(required = false) String status) {
        List<ApprovalView> items = approvals.list(holder, status, LIST_LIMIT).stream().map(ApprovalView::of).toList();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("next", null);
        return page;
    }

    @PostMapping("/api/v1/approvals/{id}/approve")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "approval.approve")
    ApprovalView approve(Caller holder, @PathVariable String id, HttpServletRequest request) {
        return ApprovalView.of(approvals.approve(holder, id, request));
    }

    @PostMapping("/api/v1/approvals/{id}/reject")
    @ResourceAccess(scope = "delegation:manage", delegates = false, action = "approval.reject")
    ApprovalView reject(Caller holder, @PathVariable String id) {
        return ApprovalView.of(approvals.reject(holder, id));
    }
}
