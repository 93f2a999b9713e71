package org.behalf.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.kernel.ResourceAccess;
import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document at {@code /v3/api-docs}, read as an integrator's tool reads it: fetched
 * over HTTP without a token and parsed by an independent parser (swagger-parser), it must be valid
 * and describe every resource API endpoint with exactly the access its handler declares.
 */
class ApiDocumentTest extends ServerTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private String json;
    private OpenAPI document;

    @BeforeEach
    void read() {
        Http.Response answer = new Http(baseUrl()).get("/v3/api-docs", null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        json = answer.body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(parsed.getMessages()).as("the parser's messages").isEmpty();
        document = parsed.getOpenAPI();
    }

    @Test
    void theDocumentIsValidOpenApi31WithTheOAuthSchemesAndTheSharedProblemSchema() {
        assertThat(document.getOpenapi()).startsWith("3.1.");
        Http.Response yaml = new Http(baseUrl()).get("/v3/api-docs.yaml", null);
        assertThat(yaml.status()).as("the same document in YAML, public too").isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.1.");
        assertThat(document.getComponents().getSchemas()).containsKey("ProblemDetail");
        var oauth = document.getComponents().getSecuritySchemes().get("oauth2");
        assertThat(oauth.getFlows().getAuthorizationCode().getTokenUrl()).isEqualTo("/oauth2/token");
        assertThat(oauth.getFlows().getAuthorizationCode().getScopes()).containsKeys("profile:read", "delegation:manage");
        assertThat(oauth.getFlows().getClientCredentials()).isNotNull();
        assertThat(oauth.getFlows().getClientCredentials().getScopes())
                .as("a client-credentials token is refused on member endpoints; its own stream endpoints need no scope").isEmpty();
        assertThat(oauth.getFlows().getImplicit()).as("no implicit flow (DESIGN.md section 5)").isNull();
        assertThat(oauth.getFlows().getPassword()).as("no password flow").isNull();
        assertThat(oauth.getExtensions().get("x-behalf-token-exchange").toString())
                .contains("urn:ietf:params:oauth:grant-type:token-exchange", "delegation:act");
        assertThat(document.getPaths().keySet()).as("only the resource API and the Shared Signals receivers' endpoints")
                .allMatch(path -> path.startsWith("/api/v1/") || path.startsWith("/ssf/"));
        assertThat(document.getPaths().get("/ssf/streams").getPost().getExtensions()).containsEntry("x-behalf-scope", "client-itself")
                .containsEntry("x-behalf-delegable", false);
        assertThat(document.getComponents().getSchemas()).as("the caller comes from the token, never from a parameter")
                .doesNotContainKey("Caller");
        // SECURITY-CASES 21: the server refuses unknown fields, and the request schemas say so.
        var contactDraft = document.getPaths().get("/api/v1/contacts").getPost().getRequestBody().getContent()
                .get("application/json").getSchema();
        String draft = contactDraft.get$ref().substring(contactDraft.get$ref().lastIndexOf('/') + 1);
        assertThat(document.getComponents().getSchemas().get(draft).getAdditionalProperties()).isEqualTo(false);
        var delegations = document.getPaths().get("/api/v1/delegations").getGet();
        assertThat(delegations.getParameters()).anyMatch(parameter -> "role".equals(parameter.getName())
                && parameter.getSchema().getEnum().containsAll(List.of("holder", "delegate")));
    }

    @Test
    void theServerIsTheConfiguredIssuerNeverTheRequestsHost() {
        IdentitySettings configured = new IdentitySettings("https://behalf.example", Duration.ofMinutes(10), Duration.ofDays(14),
                Duration.ofMinutes(2), "", Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMinutes(10), "no-reply@behalf.invalid");
        assertThat(new ApiDocumentation().behalfOpenApi(configured).getServers()).extracting(Server::getUrl)
                .containsExactly("https://behalf.example");
    }

    @Test
    void everyDeclaredEndpointIsDocumentedWithItsScopeDelegableFlagAndProblemAnswers() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            ResourceAccess access = mapping.getValue().getMethodAnnotation(ResourceAccess.class);
            for (String path : mapping.getKey().getPatternValues()) {
                if (!path.startsWith("/api/") && !path.startsWith("/ssf/")) {
                    continue;
                }
                for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
                    checked++;
                    String name = method + " " + path + " (" + mapping.getValue().getShortLogMessage() + ")";
                    PathItem item = document.getPaths().get(path);
                    Operation operation = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.name()));
                    if (operation == null) {
                        wrong.add(name + ": missing");
                        continue;
                    }
                    String params = String.join("&", mapping.getKey().getParamsCondition().getExpressions().stream()
                            .map(Object::toString).toList());
                    Map<String, Object> declared = declaration(operation, params);
                    if (declared == null || !access.scope().equals(declared.get("scope"))
                            || !Boolean.valueOf(access.delegates()).equals(declared.get("delegable"))) {
                        wrong.add(name + ": documented " + declared + ", declared " + access.scope() + "/" + access.delegates());
                    }
                    if (!requires(operation, access.scope())) {
                        wrong.add(name + ": security " + operation.getSecurity());
                    }
                    // A handler's own @ApiResponse makes springdoc leave out the success answer it would
                    // otherwise derive (eleven operations had only 4xx answers: black-box finding).
                    if (operation.getResponses().keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                        wrong.add(name + ": no success answer " + operation.getResponses().keySet());
                    }
                    if (!problemAnswers(operation, access)) {
                        wrong.add(name + ": problem answers " + operation.getResponses().keySet());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).as("the enumeration found the API").isGreaterThan(20);
    }

    /** The top-level declaration, or for a path shared by several handlers the one with that parameter condition. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> declaration(Operation operation, String params) {
        Map<String, Object> extensions = operation.getExtensions();
        if (extensions.get("x-behalf-variants") instanceof List<?> variants) {
            return variants.stream().map(variant -> (Map<String, Object>) variant)
                    .filter(variant -> params.equals(variant.get("params"))).findFirst().orElse(null);
        }
        return Map.of("scope", extensions.get("x-behalf-scope"), "delegable", extensions.get("x-behalf-delegable"));
    }

    private static boolean requires(Operation operation, String scope) {
        List<SecurityRequirement> security = operation.getSecurity();
        if (ResourceAccess.PUBLIC.equals(scope)) {
            return security != null && security.isEmpty();
        }
        List<String> expected = ResourceAccess.ANY_MEMBER_TOKEN.equals(scope) || ResourceAccess.OWNER.equals(scope)
                || ResourceAccess.CLIENT_ITSELF.equals(scope) ? List.of() : List.of(scope);
        return security != null && security.stream().anyMatch(requirement -> expected.equals(requirement.get("oauth2")));
    }

    private static boolean problemAnswers(Operation operation, ResourceAccess access) {
        List<String> codes = ResourceAccess.PUBLIC.equals(access.scope()) ? List.of("400") : List.of("400", "401", "403");
        return codes.stream().allMatch(code -> operation.getResponses().get(code) != null
                && "#/components/schemas/ProblemDetail".equals(operation.getResponses().get(code).getContent()
                .get("application/problem+json").getSchema().get$ref()));
    }
}
