package org.behalf.server.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.behalf.kernel.ResourceAccess;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes each handler's {@code @ResourceAccess} declaration (DESIGN.md section 2 rule 8) into its
 * operation, so that the document says what the enforcement does: {@code x-behalf-scope},
 * {@code x-behalf-delegable}, an OAuth security requirement with that scope (none for a public
 * endpoint), and the problem answers every endpoint may give.
 *
 * <p>Two handlers can share a path and method and differ by a query parameter ({@code GET
 * /api/v1/delegations?role=delegate} needs {@code delegation:act}, the holder's list
 * {@code delegation:manage}); OpenAPI has one operation for both, which springdoc hands to this
 * customizer once per handler. The top-level extensions then say what the request without that
 * parameter needs, {@code x-behalf-variants} lists every handler's declaration with its parameter
 * condition, and the security requirements are the alternatives.
 */
@Component
class AccessDeclarations implements OperationCustomizer {

    static final String SCOPE = "x-behalf-scope";
    static final String DELEGABLE = "x-behalf-delegable";
    static final String ACTION = "x-behalf-action";
    static final String VARIANTS = "x-behalf-variants";
    /** The query-parameter condition of an operation's only handler, kept until a second one joins it. */
    static final String PARAMS = "x-behalf-params";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ResourceAccess access = handler.getMethodAnnotation(ResourceAccess.class);
        if (access == null) {
            return operation;
        }
        String params = String.join("&", params(handler));
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("params", params);
        variant.put("scope", access.scope());
        variant.put("delegable", access.delegates());
        variant.put("action", access.action());
        List<Map<String, Object>> variants = variants(operation);
        variants.add(variant);
        Map<String, Object> main = variants.stream().filter(AccessDeclarations::unconditional).findFirst().orElse(variants.get(0));
        operation.addExtension(SCOPE, main.get("scope"));
        operation.addExtension(DELEGABLE, main.get("delegable"));
        operation.addExtension(ACTION, main.get("action"));
        if (variants.size() > 1) {
            operation.addExtension(VARIANTS, variants);
            operation.getExtensions().remove(PARAMS);
        } else if (!params.isEmpty()) {
            operation.addExtension(PARAMS, params);
        }
        operation.setSecurity(security(variants));
        operation.setDescription(describe(variants));
        operation.setSummary(label((String) main.get("scope")) + (Boolean.TRUE.equals(main.get("delegable")) ? " · delegates too" : ""));
        operation.setTags(List.of(area(handler)));
        queryCondition(operation, variants);
        problems(operation, access, handler);
        return operation;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> variants(Operation operation) {
        Object known = operation.getExtensions() == null ? null : operation.getExtensions().get(VARIANTS);
        if (known instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        List<Map<String, Object>> variants = new ArrayList<>();
        if (operation.getExtensions() != null && operation.getExtensions().containsKey(SCOPE)) {
            Map<String, Object> first = new LinkedHashMap<>();
            first.put("params", firstParams(operation));
            first.put("scope", operation.getExtensions().get(SCOPE));
            first.put("delegable", operation.getExtensions().get(DELEGABLE));
            first.put("action", operation.getExtensions().get(ACTION));
            variants.add(first);
        }
        return variants;
    }

    /** The first handler's parameter condition, kept where the operation's description says it. */
    private static String firstParams(Operation operation) {
        Object params = operation.getExtensions().get(PARAMS);
        return params == null ? "" : params.toString();
    }

    /** A handler that serves the request without any required parameter value ({@code !role}, {@code role!=x}, none). */
    private static boolean unconditional(Map<String, Object> variant) {
        String params = (String) variant.get("params");
        return params.isEmpty() || Arrays.stream(params.split("&")).allMatch(p -> p.startsWith("!") || p.contains("!="));
    }

    private static List<String> params(HandlerMethod handler) {
        List<String> params = new ArrayList<>();
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (type != null) {
            params.addAll(List.of(type.params()));
        }
        if (method != null) {
            params.addAll(List.of(method.params()));
        }
        return params;
    }

    /** Alternatives, one per distinct scope; a public endpoint needs no token at all (an empty list). */
    private static List<SecurityRequirement> security(List<Map<String, Object>> variants) {
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (Map<String, Object> variant : variants) {
            String scope = (String) variant.get("scope");
            if (ResourceAccess.PUBLIC.equals(scope)) {
                continue;
            }
            boolean catalogScope = !ResourceAccess.ANY_MEMBER_TOKEN.equals(scope) && !ResourceAccess.OWNER.equals(scope)
                    && !ResourceAccess.CLIENT_ITSELF.equals(scope);
            SecurityRequirement requirement = new SecurityRequirement().addList(ApiDocumentation.SCHEME,
                    catalogScope ? List.of(scope) : List.of());
            if (!requirements.contains(requirement)) {
                requirements.add(requirement);
            }
        }
        return requirements;
    }

    private static String describe(List<Map<String, Object>> variants) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> variant : variants) {
            String params = (String) variant.get("params");
            text.append(params.isEmpty() ? "" : "With " + params + ": ")
                    .append("scope ").append(words((String) variant.get("scope")))
                    .append(Boolean.TRUE.equals(variant.get("delegable")) ? "; delegates may call it" : "; never with a delegation token")
                    .append(". ");
        }
        return text.toString().trim();
    }

    /**
     * The query parameter that chooses between a shared operation's handlers ({@code role=delegate}),
     * which springdoc does not list since no handler argument reads it.
     */
    private static void queryCondition(Operation operation, List<Map<String, Object>> variants) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map<String, Object> variant : variants) {
            for (String expression : ((String) variant.get("params")).split("&")) {
                String name = expression.replace("!", "").split("=")[0];
                if (name.isEmpty()) {
                    continue;
                }
                List<String> known = values.computeIfAbsent(name, key -> new ArrayList<>());
                int equals = expression.indexOf('=');
                if (equals > 0 && !expression.contains("!=") && !known.contains(expression.substring(equals + 1))) {
                    known.add(expression.substring(equals + 1));
                }
            }
        }
        values.forEach((name, allowed) -> {
            if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> name.equals(p.getName()))) {
                operation.getParameters().removeIf(p -> name.equals(p.getName()));
            }
            Schema<String> schema = new io.swagger.v3.oas.models.media.StringSchema();
            allowed.forEach(schema::addEnumItemObject);
            operation.addParametersItem(new io.swagger.v3.oas.models.parameters.QueryParameter().name(name).required(false)
                    .schema(schema).description("Chooses the variant: see the access above."));
        });
    }

    /** The controller's name without its suffix ({@code GrantController} → {@code grant}), as the page groups operations. */
    private static String area(HandlerMethod handler) {
        String name = handler.getBeanType().getSimpleName().replace("Controller", "");
        return name.isEmpty() ? "api" : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** The page's one-line summary of an operation's access. */
    private static String label(String scope) {
        return switch (scope) {
            case ResourceAccess.PUBLIC -> "no token";
            case ResourceAccess.ANY_MEMBER_TOKEN -> "any member's token";
            case ResourceAccess.OWNER -> "the member only";
            case ResourceAccess.CLIENT_ITSELF -> "the client's own token";
            default -> scope;
        };
    }

    private static String words(String scope) {
        return switch (scope) {
            case ResourceAccess.PUBLIC -> "none (no token needed)";
            case ResourceAccess.ANY_MEMBER_TOKEN -> "any member's token";
            case ResourceAccess.OWNER -> "owner (the member themself, through a first-party client)";
            case ResourceAccess.CLIENT_ITSELF -> "the client's own token (client credentials), for its own Shared Signals streams only";
            default -> "`" + scope + "`";
        };
    }

    /**
     * The problem answers (RFC 9457) of the enforcement, of Spring MVC in front of every handler and of
     * the handlers themselves, with the shared schema. Each follows from what the handler declares
     * rather than from a list of paths: its access, whether it takes a body, whether its path names a
     * resource. A status only one handler answers is declared on it ({@code @ApiResponse}) and gets
     * the shared schema here.
     */
    private static void problems(Operation operation, ResourceAccess access, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && (response.getContent() == null
                    || !response.getContent().containsKey(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE))) {
                response.setContent(problem(response.getDescription()).getContent());
            }
        });
        responses.addApiResponse("400", problem("The request is malformed, names an unknown field, or a value is not allowed; "
                + "nothing changed."));
        // A public endpoint needs no token, but one that is sent is checked: an invalid one is refused,
        // never taken as anonymous (docs/api.md, "Access"; RFC 6750 section 3.1).
        responses.addApiResponse("401", problem(ResourceAccess.PUBLIC.equals(access.scope())
                ? "An invalid, expired or revoked token was sent (none is needed)." : "No token, or an invalid, expired or revoked one."));
        if (!ResourceAccess.PUBLIC.equals(access.scope())) {
            responses.addApiResponse("403", problem("The token lacks the scope, is a delegation token where delegates may not "
                    + "go, or its grant does not allow this now."));
        }
        boolean pathVariable = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class));
        if (pathVariable) {
            responses.addApiResponse("404", problem("No such resource, or it belongs to another account (answered alike)."));
        }
        // Spring MVC's refusals before the handler runs (BadInputAdvice): RFC 9110 sections 15.5.6 and 15.5.7.
        responses.addApiResponse("405", problem("The path does not take this method; Allow names the ones it takes."));
        responses.addApiResponse("406", problem("None of the media types in Accept can be answered."));
        boolean body = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class)) || rawBody(operation, handler);
        if (body) {
            // RFC 9110 sections 15.5.14 and 15.5.16; the 2 MiB bound is docs/api.md's (ReadBody, OversizedBodyAdvice).
            responses.addApiResponse("413", problem("The body is larger than the endpoint takes (2 MiB for JSON); nothing changed."));
            responses.addApiResponse("415", problem("No Content-Type, or one the endpoint does not take; nothing changed."));
        }
        operation.setResponses(responses);
    }

    /**
     * A handler that reads its body itself (the contact import's CSV or vCard file, as an
     * {@code InputStream}) has no {@code @RequestBody} for springdoc to describe; its mapping's
     * {@code consumes} says what it takes. Its body is described as a request body with those media
     * types, and the {@code Content-Type} and {@code Content-Length} headers it reads go from the
     * parameters: OpenAPI 3.1.0 section 4.8.12.1 says a header parameter named Content-Type SHALL be
     * ignored, and both describe the body, not the request. True if the handler takes such a body.
     */
    @SuppressWarnings("rawtypes")
    private static boolean rawBody(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (mapping == null || mapping.consumes().length == 0) {
            return false;
        }
        if (operation.getRequestBody() == null) {
            Content content = new Content();
            for (String type : mapping.consumes()) {
                content.addMediaType(type, new MediaType().schema(new io.swagger.v3.oas.models.media.StringSchema()));
            }
            operation.setRequestBody(new io.swagger.v3.oas.models.parameters.RequestBody().required(true).content(content)
                    .description("The file itself as the body, of one of these types."));
        }
        if (operation.getParameters() != null) {
            operation.getParameters().removeIf(parameter -> "header".equals(parameter.getIn())
                    && ("Content-Type".equalsIgnoreCase(parameter.getName()) || "Content-Length".equalsIgnoreCase(parameter.getName())));
        }
        return true;
    }

    @SuppressWarnings("rawtypes")
    private static ApiResponse problem(String description) {
        Schema reference = new Schema<>().$ref("#/components/schemas/" + ApiDocumentation.PROBLEM);
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(reference)));
    }
}
