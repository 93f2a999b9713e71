package org.behalf.identity.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.behalf.identity.IdentitySlice;
import org.behalf.identity.api.ScopeCatalog;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The API's protected-resource metadata (RFC 9728), read the way a client discovers it: from the
 * {@code resource_metadata} of a 401's challenge, then on to the authorization server it names.
 * It advertises exactly what the API accepts (docs/security.md rule 39). Here the scopes are the
 * stand-in catalog's and the API is the stand-in profile endpoint ({@link IdentitySlice}); that the
 * metadata names the delegation module's real catalog, that its documentation page is served, and
 * what a token without the scope is told by the real enforcement are tested in {@code modules/server}
 * ({@code org.behalf.server.identity.ApiResourceMetadataTest}).
 */
class ProtectedResourceMetadataTest extends IdentitySlice {

    private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

    @Autowired
    private ScopeCatalog scopes;

    @Test
    void aRefusedClientFindsTheMetadataAndThroughItTheAuthorizationServer() {
        Http http = new Http(baseUrl());
        Http.Response anonymous = http.get("/api/v1/profile", null);
        assertThat(anonymous.status()).isEqualTo(401);
        String challenge = anonymous.header("WWW-Authenticate");
        assertThat(challenge).startsWith("Bearer ");
        String location = metadataLocation(challenge);
        assertThat(location).isEqualTo(baseUrl() + "/.well-known/oauth-protected-resource");

        Http.Response invalid = http.get("/api/v1/profile", "not.a.token");
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(metadataLocation(invalid.header("WWW-Authenticate"))).isEqualTo(location);

        Http.Response answer = http.get(location.substring(baseUrl().length()), null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode metadata = answer.json();
        // RFC 9728 section 3.3: the resource is the identifier the metadata's address was made from.
        assertThat(metadata.path("resource").asString()).isEqualTo(baseUrl());
        assertThat(strings(metadata.path("scopes_supported"))).containsExactlyElementsOf(scopes.memberScopes());
        assertThat(strings(metadata.path("bearer_methods_supported"))).containsExactly("header");
        assertThat(metadata.has("tls_client_certificate_bound_access_tokens")).as("no certificate-bound tokens").isFalse();
        assertThat(metadata.path("resource_documentation").asString()).isEqualTo(baseUrl() + "/docs/api");

        List<String> servers = strings(metadata.path("authorization_servers"));
        assertThat(servers).hasSize(1);
        JsonNode server = http.get("/.well-known/oauth-authorization-server", null).json();
        assertThat(server.path("issuer").asString()).isEqualTo(servers.get(0));
    }

    @Test
    void aTokenAnywhereButTheHeaderIsNotAcceptedAsTheMetadataSays() {
        Members.Member member = Members.create(baseUrl(), "prm");
        Http http = new Http(baseUrl());
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).isEqualTo(200);
        Http.Response query = http.get("/api/v1/profile?access_token=" + member.accessToken(), null);
        assertThat(query.status()).isEqualTo(401);
        assertThat(metadataLocation(query.header("WWW-Authenticate"))).endsWith("/.well-known/oauth-protected-resource");
    }

    private static String metadataLocation(String challenge) {
        Matcher matcher = RESOURCE_METADATA.matcher(challenge);
        assertThat(matcher.find()).as(challenge).isTrue();
        return matcher.group(1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
