package org.behalf.identity.clients;

import java.util.HashMap;
import java.util.Map;

import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/clients}: {@code clients:manage}, which only first-party clients carry and never a delegate. */
@RestController
class ClientController {

    private final ClientRegistration registration;

    ClientController(ClientRegistration registration) {
        this.registration = registration;
    }

    @PostMapping("/api/v1/clients")
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "client.register")
    ClientRegistration.ClientView register(Caller owner, @RequestBody ClientRegistration.NewClient request) {
        return registration.register(owner, request);
    }

    @GetMapping("/api/v1/clients")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "client.list")
    Map<String, Object> list(Caller owner) {
        Map<String, Object> page = new HashMap<>();
        page.put("items", registration.list(owner));
        page.put("next", null);
        return page;
    }

    @GetMapping("/api/v1/clients/{clientId}")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "client.read")
    ClientRegistration.ClientView get(Caller owner, @PathVariable String clientId) {
        return registration.get(owner, clientId);
    }

    @PostMapping("/api/v1/clients/{clientId}/secret")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "client.rotate_secret")
    ClientRegistration.ClientView rotate(Caller owner, @PathVariable String clientId,
                                         @RequestParam(required = false) Integer graceHours) {
        return registration.rotate(owner, clientId, graceHours);
    }

    @DeleteMapping("/api/v1/clients/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "client.delete")
    void delete(Caller owner, @PathVariable String clientId) {
        registration.delete(owner, clientId);
    }
}
