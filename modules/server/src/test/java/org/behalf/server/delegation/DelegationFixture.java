package org.behalf.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import tools.jackson.databind.JsonNode;

/** Holders, helpers, grants and delegation tokens over the public API, for the delegation tests. */
final class DelegationFixture {

    static final String EXCHANGE = Delegations.EXCHANGE;
    static final String GRANT_TYPE = Delegations.GRANT_TYPE;
    static final String ACCESS_TOKEN_TYPE = Delegations.ACCESS_TOKEN_TYPE;

    private final Http http;

    DelegationFixture(Http http) {
        this.http = http;
    }

    Members.Member member(String prefix) {
        return Members.create(http.base(), prefix);
    }

    /** A pending grant from holder to delegate with the given body fields added. */
    JsonNode grant(Members.Member holder, Members.Member delegate, List<String> scopes, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("delegate", delegate.handle());
        body.put("scopes", scopes);
        body.putIfAbsent("terms", "I act only on tasks agreed in writing.");
        Http.Response created = http.post("/api/v1/delegations", holder.accessToken(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** An accepted grant. */
    String activeGrant(Members.Member holder, Members.Member delegate, List<String> scopes, Map<String, Object> extra) {
        String id = grant(holder, delegate, scopes, extra).path("id").asString();
        Http.Response accepted = http.post("/api/v1/delegations/" + id + "/accept", delegate.accessToken(), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return id;
    }

    Http.Response exchange(String grantId, String actorToken, String scope) {
        Map<String, String> form = Delegations.exchangeForm(grantId, actorToken);
        if (scope != null) {
            form.put("scope", scope);
        }
        return http.form("/oauth2/token", form);
    }

    String delegationToken(String grantId, Members.Member delegate, String scope) {
        Http.Response token = exchange(grantId, delegate.accessToken(), scope);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.json().path("access_token").asString();
    }

    /** The holder's activity entries matching the filters, newest first. */
    List<JsonNode> activity(Members.Member holder, String query) {
        Http.Response page = http.get("/api/v1/activity?limit=100" + (query.isEmpty() ? "" : "&" + query), holder.accessToken());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        page.json().path("items").forEach(entries::add);
        return entries;
    }
}
