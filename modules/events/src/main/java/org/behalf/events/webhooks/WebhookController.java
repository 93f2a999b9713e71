package org.behalf.events.webhooks;

import java.util.HashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhooks}: integrator self-service under {@code clients:manage}, which only
 * first-party clients carry and which is never delegable (DESIGN.md sections 4 and 6).
 */
@RestController
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/api/v1/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "webhook.create")
    WebhookService.WebhookView create(Caller owner, @RequestBody WebhookService.NewWebhook request) {
        return webhooks.create(owner, request);
    }

    @GetMapping("/api/v1/webhooks")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "webhook.list")
    Map<String, Object> list(Caller owner) {
        Map<String, Object> page = new HashMap<>();
        page.put("items", webhooks.list(owner));
        page.put("next", null);
        return page;
    }

    @GetMapping("/api/v1/webhooks/{id}")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "webhook.read")
    WebhookService.WebhookView get(Caller owner, @PathVariable String id) {
        return webhooks.get(owner, id);
    }

    @PatchMapping("/api/v1/webhooks/{id}")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "webhook.update")
    WebhookService.WebhookView change(Caller owner, @PathVariable String id, @RequestBody WebhookService.WebhookChange request) {
        return webhooks.change(owner, id, request);
    }

    @DeleteMapping("/api/v1/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "webhook.delete")
    void delete(Caller owner, @PathVariable String id) {
        webhooks.delete(owner, id);
    }

    @PostMapping("/api/v1/webhooks/{id}/secret")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "webhook.rotate_secret")
    WebhookService.WebhookView rotate(Caller owner, @PathVariable String id) {
        return webhooks.rotate(owner, id);
    }

    /** Newest first, with every attempt; {@code cursor} is the previous page's {@code next}. */
    @GetMapping("/api/v1/webhooks/{id}/deliveries")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "webhook.deliveries")
    Delivery.Page deliveries(Caller owner, @PathVariable String id, @RequestParam(required = false) String cursor,
                                   @RequestParam(defaultValue = "50") int limit) {
        int size = Delivery.pageSize(limit);
        return Delivery.page(webhooks.deliveries(owner, id, cursor, size), size);
    }

    @PostMapping("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "The delivery, pending again with a fresh 24 hours of retries.", useReturnTypeSchema = true)
    // Black-box testing on 2026-12-07: a client generated from the document met this 409 as an unknown answer.
    @ApiResponse(responseCode = "409", description = "The webhook is disabled; enable it first.")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "webhook.redeliver")
    Delivery.Logged redeliver(Caller owner, @PathVariable String id, @PathVariable String deliveryId) {
        return webhooks.redeliver(owner, id, deliveryId);
    }
}
