package org.behalf.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document against the answers the server really gives, as a strict client generated
 * from it would meet them: each real answer's status must be documented for its operation, and its
 * body must be valid against the documented schema, checked by an independent JSON Schema 2020-12
 * validator (networknt's, which the MCP SDK brings to the server) rather than by the generator that
 * wrote the document. A black-box run with ajv found last pages ({@code "next": null}), the scope
 * catalog, the activity list and the stream list outside their documented shapes, and refusals
 * (415, 406, 405, 409, 404, an invalid token on a public endpoint) with no documented status.
 * {@link ApiDocumentTest} checks the document's access declarations.
 */
class DocumentedAnswersTest extends ServerTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private JsonNode document;
    private Http http;

    @BeforeEach
    void read() {
        http = new Http(baseUrl());
        Http.Response answer = http.get("/v3/api-docs", null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        document = answer.json();
    }

    @Test
    void theLastPageOfEveryListMatchesItsDocumentedSchema() {
        Members.Member member = Members.create(baseUrl(), "lastpage");
        List<String> wrong = new ArrayList<>();
        for (String path : List.of("/api/v1/connections", "/api/v1/contacts", "/api/v1/conversations", "/api/v1/invitations",
                "/api/v1/blocks", "/api/v1/network/search", "/api/v1/activity")) {
            Http.Response answer = http.get(path, member.accessToken());
            assertThat(answer.status()).as(path + " " + answer).isEqualTo(200);
            assertThat(answer.json().has("next")).as(path + " says there is no next page").isTrue();
            assertThat(answer.json().path("next").isNull()).as(path + ": one page only, so next is null").isTrue();
            wrong.addAll(invalid("get", path, answer));
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theScopeCatalogAndTheStreamListMatchTheirDocumentedSchemas() {
        Http.Response scopes = http.get("/api/v1/scopes", null);
        assertThat(scopes.status()).isEqualTo(200);
        assertThat(scopes.body()).as("a delegable scope has no reason not to be").contains("\"whyNotDelegable\":null");
        assertThat(invalid("get", "/api/v1/scopes", scopes)).isEmpty();

        Members.Member owner = Members.create(baseUrl(), "streams");
        Http.Response streams = http.get("/api/v1/ssf/stream", owner.accessToken());
        assertThat(streams.status()).as(streams.toString()).isEqualTo(200);
        assertThat(streams.json().isArray()).as("without stream_id, every stream of the caller as an array (SSF 1.0 8.1.1.2)").isTrue();
        assertThat(invalid("get", "/api/v1/ssf/stream", streams)).isEmpty();
    }

    @Test
    void anotherMembersProfileWithItsHiddenFieldsNullMatchesItsSchema() {
        Members.Member owner = Members.create(baseUrl(), "profiled");
        Members.Member reader = Members.create(baseUrl(), "reader");
        Http.Response profile = http.get("/api/v1/members/" + owner.id(), reader.accessToken());
        assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
        assertThat(profile.json().path("privateFields").isNull()).as("only the owner sees them").isTrue();
        assertThat(invalid("get", "/api/v1/members/{id}", profile)).isEmpty();
    }

    @Test
    void theActivityExportDocumentsJsonLines() {
        JsonNode ok = operation("get", "/api/v1/activity/export").path("responses").path("200");
        assertThat(ok.path("content").has("application/jsonl")).as(ok.toString()).isTrue();
    }

    @Test
    void everyOperationWithARequestBodyDocumentsTheRefusalsOfItsBody() {
        List<String> wrong = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            JsonNode responses = method.getValue().path("responses");
            if (method.getValue().has("requestBody") && !(responses.has("415") && responses.has("413"))) {
                wrong.add(method.getKey() + " " + path.getKey() + ": " + names(responses));
            }
            if (!(responses.has("405") && responses.has("406") && responses.has("401"))) {
                wrong.add(method.getKey() + " " + path.getKey() + " lacks 405, 406 or 401: " + names(responses));
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void whatBadRequestsReallyAnswerIsDocumented() {
        Members.Member member = Members.create(baseUrl(), "refused");
        List<String> wrong = new ArrayList<>();
        // No and the wrong Content-Type on a JSON body: 415.
        wrong.addAll(refusal("post", "/api/v1/blocks", 415, http.send(http.request("/api/v1/blocks", member.accessToken())
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"memberId\":\"m\"}")).build())));
        wrong.addAll(refusal("post", "/api/v1/blocks", 415, http.send(http.request("/api/v1/blocks", member.accessToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"memberId\":\"m\"}")).build())));
        // An answer the caller does not accept: 406.
        wrong.addAll(refusal("get", "/api/v1/connections", 406, http.send(http.request("/api/v1/connections", member.accessToken())
                .setHeader("Accept", "text/csv").GET().build())));
        // A method the path does not take: 405, documented on the path's operations.
        wrong.addAll(refusal("get", "/api/v1/scopes", 405, http.delete("/api/v1/scopes", null)));
        // A public endpoint with an invalid token: 401, not an anonymous answer.
        wrong.addAll(refusal("get", "/api/v1/scopes", 401, http.get("/api/v1/scopes", "not-a-token")));
        // A resource named by a query parameter: 404.
        wrong.addAll(refusal("get", "/api/v1/activity/as-delegate", 404,
                http.get("/api/v1/activity/as-delegate?holder=nobody", member.accessToken())));
        // A sign-up with three fields wrong: 400, every problem in errors.
        Http.Response three = http.post("/api/v1/members", null, Map.of("handle", "a!", "email", "nowhere", "password", "short",
                "displayName", "Three"));
        assertThat(three.json().path("errors").size()).as(three.toString()).isEqualTo(3);
        wrong.addAll(refusal("post", "/api/v1/members", 400, three));
        // A handle already taken, and two-step sign-in turned off while it is off: 409.
        wrong.addAll(refusal("post", "/api/v1/members", 409, http.post("/api/v1/members", null, Map.of("handle", member.handle(),
                "email", Members.unique("other") + "@example.test", "password", "correct horse battery", "displayName", "Other"))));
        wrong.addAll(refusal("post", "/api/v1/account/totp/disable", 409,
                http.post("/api/v1/account/totp/disable", member.accessToken(), Map.of("code", "123456"))));
        // An assistant's handle in use: 409, declared on the handler (docs/api.md).
        wrong.addAll(refusal("post", "/api/v1/agents", 409, http.post("/api/v1/agents", member.accessToken(),
                Map.of("handle", member.handle(), "displayName", "Helper", "password", "correct horse battery"))));
        // The contact import reads its file itself: its media types are a request body, and a JSON body is 415.
        wrong.addAll(refusal("post", "/api/v1/contacts/import", 415, http.send(http.request("/api/v1/contacts/import",
                member.accessToken()).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build())));
        wrong.addAll(refusal("post", "/api/v1/contacts/import", 200, http.send(http.request("/api/v1/contacts/import",
                member.accessToken()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("name,email\nAda,ada@example.test\n")).build())));
        JsonNode upload = operation("post", "/api/v1/contacts/import");
        assertThat(upload.path("requestBody").path("content").propertyNames()).contains("text/csv", "text/vcard");
        assertThat(upload.path("parameters").toString()).as("OpenAPI 3.1.0 section 4.8.12.1: ignored there")
                .doesNotContain("Content-Type");
        assertThat(wrong).isEmpty();
    }

    /**
     * application/problem+json names a problem only (RFC 9457 section 3): a success asked for in it
     * alone is 406, with JSON besides it is JSON; an unreadable Accept is a 406 in words, not an empty
     * answer, and a refusal decided otherwise keeps its status; every problem stays problem+json.
     */
    @Test
    void anAcceptOfProblemsOnlyOrUnreadableGetsNoSuccessLabelledAsAProblem() {
        Members.Member member = Members.create(baseUrl(), "accept");
        Http.Response problemsOnly = http.send(http.request("/api/v1/profile", member.accessToken())
                .setHeader("Accept", "application/problem+json").GET().build());
        assertThat(problemsOnly.status()).as(problemsOnly.toString()).isEqualTo(406);
        assertThat(problemsOnly.header("Content-Type")).startsWith("application/problem+json");
        Http.Response both = http.send(http.request("/api/v1/scopes", null)
                .setHeader("Accept", "application/problem+json, application/json").GET().build());
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.header("Content-Type")).startsWith("application/json");
        Http.Response garbage = http.send(http.request("/api/v1/profile", member.accessToken()).setHeader("Accept", "garbage").GET().build());
        assertThat(garbage.status()).as(garbage.toString()).isEqualTo(406);
        assertThat(garbage.header("Content-Type")).startsWith("application/problem+json");
        assertThat(garbage.json().path("detail").asString()).contains("cannot be read");
        Http.Response conflict = http.send(http.request("/api/v1/account/totp/disable", member.accessToken()).setHeader("Accept", "garbage")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"123456\"}")).build());
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refusal("get", "/api/v1/profile", 406, garbage)).isEmpty();
    }

    @Test
    void anUnknownRoleIsRefusedByTheApprovalsAsByTheDelegations() {
        Members.Member holder = Members.create(baseUrl(), "roles");
        Http.Response delegations = http.get("/api/v1/delegations?role=abc", holder.accessToken());
        Http.Response approvals = http.get("/api/v1/approvals?role=abc", holder.accessToken());
        assertThat(delegations.status()).as(delegations.toString()).isEqualTo(400);
        assertThat(approvals.status()).as(approvals.toString()).isEqualTo(400);
        assertThat(approvals.header("Content-Type")).startsWith("application/problem+json");
        assertThat(approvals.json().path("detail").asString()).isEqualTo(delegations.json().path("detail").asString());
        assertThat(http.get("/api/v1/approvals", holder.accessToken()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/approvals?role=delegate", holder.accessToken()).status()).isEqualTo(200);
        assertThat(operation("get", "/api/v1/approvals").path("parameters").toString()).doesNotContain("\"abc\"");
    }

    /** The answer has the expected status, which the operation documents, with a body its documented schema allows. */
    private List<String> refusal(String method, String path, int status, Http.Response answer) {
        if (answer.status() != status) {
            return List.of(method + " " + path + ": expected " + status + ", answered " + answer);
        }
        return invalid(method, path, answer);
    }

    /** What is wrong with a real answer as the document describes the operation's answers. */
    private List<String> invalid(String method, String path, Http.Response answer) {
        String name = method.toUpperCase() + " " + path + " " + answer.status();
        JsonNode response = operation(method, path).path("responses").path(Integer.toString(answer.status()));
        if (response.isMissingNode()) {
            return List.of(name + ": status not documented");
        }
        if (answer.body().isEmpty()) {
            return List.of();
        }
        String type = answer.header("Content-Type").split(";")[0].trim();
        JsonNode content = response.path("content");
        JsonNode schema = content.has(type) ? content.path(type).path("schema") : content.path("*/*").path("schema");
        if (schema.isMissingNode()) {
            return List.of(name + ": no schema for " + type + " in " + content);
        }
        // The response's schema with the document's components beside it, so that its $refs resolve.
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.path("components"));
        root.putArray("allOf").add(schema);
        Schema validator = SCHEMAS.getSchema(root);
        String body = answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body();
        return validator.validate(answer.json()).stream().map(error -> name + ": " + error + " in " + body).toList();
    }

    private JsonNode operation(String method, String path) {
        return document.path("paths").path(path).path(method);
    }

    private static List<String> names(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
