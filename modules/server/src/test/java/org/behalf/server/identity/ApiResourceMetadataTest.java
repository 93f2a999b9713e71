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
 * The protected-resource metadata (RFC 9728) against what the other modules really serve: the
 * delegation module's scope catalog, the API documentation page (server) and the enforcement's
 * answer to a token without the scope (docs/security.md rule 39). How a client finds the metadata
 * and what it says of tokens is identity's own ({@code org.behalf.identity.resource.ProtectedResourceMetadataTest}).
 */
class ApiResourceMetadataTest extends ServerTest {

    private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

    @Test
    void theMetadataNamesTheWholeScopeCatalogAndAServedDocumentationPage() {
        Http http = new Http(baseUrl());
        JsonNode metadata = http.get("/.well-known/oauth-protected-resource", null).json();

        List<String> scopes = new ArrayList<>();
        metadata.path("scopes_supported").forEach(value -> scopes.add(value.asString()));
        assertThat(scopes).containsExactlyElementsOf(Arrays.stream(Scope.values()).map(Scope::value).toList());
        assertThat(metadata.path("resource_documentation").asString()).isEqualTo(baseUrl() + "/docs/api");
        assertThat(http.get("/docs/api", null).status()).as("the page, or its redirect to Swagger UI").isIn(200, 302);
    }

    @Test
    void aTokenWithoutTheScopeIsToldWhichScopeAndWhereTheMetadataIs() {
        Members.Member member = Members.create(baseUrl(), "prms", "profile:read");
        Http.Response refused = new Http(baseUrl()).get("/api/v1/contacts", member.accessToken());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"", "scope=\"contacts:read\"");
        Matcher location = RESOURCE_METADATA.matcher(refused.header("WWW-Authenticate"));
        assertThat(location.find()).isTrue();
        assertThat(location.group(1)).isEqualTo(baseUrl() + "/.well-known/oauth-protected-resource");
    }
}
