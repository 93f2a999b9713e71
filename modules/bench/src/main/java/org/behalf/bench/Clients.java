package org.behalf.bench;

import java.util.List;
import java.util.Map;

import org.behalf.testing.Http;
import org.behalf.testing.Members;
import tools.jackson.databind.JsonNode;

/** Setting up benchmark data through the public API. */
final class Clients {

    private Clients() {
    }

    /** Registers a confidential client-credentials client for a new integrator; answers {clientId, clientSecret}. */
    static JsonNode registerClient(String base, List<String> scopes) {
        Members.Member integrator = Members.create(base, "bench");
        Http.Response client = new Http(base).post("/api/v1/clients", integrator.accessToken(), Map.of(
                "name", "Bench client", "redirectUris", List.of(), "scopes", scopes, "grantTypes", List.of("client_credentials")));
        if (client.status() != 201) {
            throw new IllegalStateException("client registration failed: " + client);
        }
        return client.json();
    }
}
