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

    @Test
    void aTokenIsReadFromTheBearerHeaderOnlyAndAMalformedOneIsAnInvalidToken() {
        Members.Member member = Members.create(baseUrl(), "prbh", "openid profile:read");
        Http http = new Http(baseUrl());
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).isEqualTo(200);
        assertThat(http.get("/userinfo", member.accessToken()).status()).isEqualTo(200);

        for (String path : List.of("/api/v1/profile", "/userinfo")) {
            Http.Response malformed = http.send(http.request(path, null).header("Authorization", "Bearer " + member.accessToken() + " x")
                    .GET().build());
            assertThat(malformed.status()).as(path).isEqualTo(401);
            assertThat(malformed.header("WWW-Authenticate")).as(path).contains("error=\"invalid_token\"");
        }
        Http.Response lowerCase = http.send(http.request("/api/v1/profile", null).header("Authorization", "bearer " + member.accessToken())
                .GET().build());
        assertThat(lowerCase.status()).as("the scheme's name is case-insensitive (RFC 9110 section 11.1)").isEqualTo(200);

        // RFC 6750 sections 2.2 and 2.3 are not offered: a token in the query is no token at all.
        Http.Response inQuery = http.get("/api/v1/profile?access_token=" + member.accessToken(), null);
        assertThat(inQuery.status()).isEqualTo(401);
        assertThat(inQuery.header("WWW-Authenticate")).doesNotContain("invalid_token");
    }
}
