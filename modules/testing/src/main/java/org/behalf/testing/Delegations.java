package org.behalf.testing;

import java.util.List;
import java.util.Map;

/** Grants and delegation tokens through the public API (DESIGN.md section 5), for tests and benchmarks. */
public final class Delegations {

    public static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String GRANT_TYPE = "urn:behalf:params:oauth:token-type:grant";
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private Delegations() {
    }

    /** A grant of {@code scopes} from holder to delegate, accepted by the delegate; answers its id. */
    public static String activeGrant(Http http, Members.Member holder, Members.Member delegate, List<String> scopes) {
        Http.Response grant = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", delegate.handle(), "scopes", scopes));
        if (grant.status() != 201) {
            throw new IllegalStateException("grant not created: " + grant);
        }
        String id = grant.json().path("id").asString();
        Http.Response accepted = http.post("/api/v1/delegations/" + id + "/accept", delegate.accessToken(), null);
        if (accepted.status() != 200) {
            throw new IllegalStateException("grant not accepted: " + accepted);
        }
        return id;
    }

    /** The token-exchange form of {@code behalf-cli}: the grant as subject, the delegate's own token as actor. */
    public static Map<String, String> exchangeForm(String grantId, String actorToken) {
        return Members.ordered("grant_type", EXCHANGE, "client_id", Members.CLI, "subject_token", grantId,
                "subject_token_type", GRANT_TYPE, "actor_token", actorToken, "actor_token_type", ACCESS_TOKEN_TYPE);
    }

    /** A delegation token of the grant for its delegate. */
    public static String delegationToken(Http http, String grantId, Members.Member delegate) {
        Http.Response token = http.form("/oauth2/token", exchangeForm(grantId, delegate.accessToken()));
        if (token.status() != 200) {
            throw new IllegalStateException("exchange refused: " + token);
        }
        return token.json().path("access_token").asString();
    }
}
