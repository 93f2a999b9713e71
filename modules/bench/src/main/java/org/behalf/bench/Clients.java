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

    /** An active grant from a new holder to the delegate; answers the grant id. */
    static String activeGrant(Http http, Members.Member holder, Members.Member delegate, List<String> scopes) {
        Http.Response grant = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", delegate.handle(), "scopes", scopes));
        String id = grant.json().path("id").asString();
        Http.Response accepted = http.post("/api/v1/delegations/" + id + "/accept", delegate.accessToken(), null);
        if (accepted.status() != 200) {
            throw new IllegalStateException("grant not accepted: " + accepted);
        }
        return id;
    }

    static Map<String, String> exchangeForm(String grantId, String actorToken) {
        return Members.ordered("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "client_id", Members.CLI,
                "subject_token", grantId, "subject_token_type", "urn:behalf:params:oauth:token-type:grant",
                "actor_token", actorToken, "actor_token_type", "urn:ietf:params:oauth:token-type:access_token");
    }
}
