package org.behalf.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.behalf.delegation.api.Scope;
import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The API's protected-resource metadata (RFC 9728), read the way a client discovers it: from the
 * {@code resource_metadata} of a 401's challenge, then on to the authorization server it names.
 * It advertises exactly what the API accepts (docs/security.md rule 39).
 */
class ProtectedResourceMetadataTest extends ServerTest {

    private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

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
        assertThat(strings(metadata.path("scopes_supported")))
                .containsExactlyElementsOf(Arrays.stream(Scope.values()).map(Scope::value).toList());
        assertThat(strings(metadata.path("bearer_methods_supported"))).containsExactly("header");
        assertThat(metadata.has("tls_client_certificate_bound_access_tokens")).as("no certificate-bound tokens").isFalse();
        assertThat(metadata.path("resource_documentation").asString()).isEqualTo(baseUrl() + "/docs/api");
        assertThat(http.get("/docs/api", null).status()).as("the page, or its redirect to Swagger UI").isIn(200, 302);

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

    @Test
    void aTokenWithoutTheScopeIsToldWhichScopeAndWhereTheMetadataIs() {
        Members.Member member = Members.create(baseUrl(), "prms", "profile:read");
        Http.Response refused = new Http(baseUrl()).get("/api/v1/contacts", member.accessToken());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"", "scope=\"contacts:read\"");
        assertThat(metadataLocation(refused.header("WWW-Authenticate"))).isEqualTo(baseUrl() + "/.well-known/oauth-protected-resource");
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
