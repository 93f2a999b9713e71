package org.behalf.agents.mcp;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import org.behalf.kernel.ResourceAccess;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Each tool's API operation as its handler declares it: the {@code @ResourceAccess} that the
 * enforcement applies to the call (so {@code tools/list} offers exactly what a call would be
 * allowed, SECURITY-CASES 43), and the path variables, query parameters and body type the tool's
 * input schema is made of. A tool whose operation is missing or closed to delegates stops the start:
 * no tool may stand for something a delegate can never do (DESIGN.md section 2, never delegable).
 */
@Component
class DeclaredOperations {

    /**
     * @param body  the type of the request body, or null for an operation without one
     * @param query each query parameter's name and type
     */
    record Operation(ApiTool tool, ResourceAccess access, List<String> pathVariables, Map<String, Class<?>> query, Type body) {

        /** Whether the caller's token carries what the operation needs (the enforcement's first two checks). */
        /** Whether to offer the tool to a delegate whose token and grant both allow {@code granted}. */
        boolean offeredTo(Set<String> granted) {
            return access.delegates() && (ResourceAccess.ANY_MEMBER_TOKEN.equals(access.scope()) || granted.contains(access.scope()));
        }
    }

    private final Map<String, Operation> byName = new LinkedHashMap<>();

    DeclaredOperations(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        for (ApiTool tool : ApiTools.ALL) {
            HandlerMethod handler = handler(mappings, tool)
                    .orElseThrow(() -> new IllegalStateException("MCP tool " + tool.name() + ": no handler for " + tool.method() + " " + tool.path()));
            ResourceAccess access = handler.getMethodAnnotation(ResourceAccess.class);
            if (access == null || !access.delegates()) {
                throw new IllegalStateException("MCP tool " + tool.name() + ": " + tool.path() + " is not open to delegates");
            }
            List<String> pathVariables = new java.util.ArrayList<>();
            Map<String, Class<?>> query = new LinkedHashMap<>();
            Type body = null;
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(PathVariable.class)) {
                    PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
                    pathVariables.add(!variable.name().isEmpty() ? variable.name() : !variable.value().isEmpty() ? variable.value() : parameter.getParameterName());
                } else if (parameter.hasParameterAnnotation(RequestParam.class)) {
                    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                    query.put(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getParameterName(),
                            parameter.getParameterType());
                } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    body = parameter.getGenericParameterType();
                }
            }
            byName.put(tool.name(), new Operation(tool, access, List.copyOf(pathVariables), Map.copyOf(query), body));
        }
    }

    List<Operation> all() {
        return List.copyOf(byName.values());
    }

    private static Optional<HandlerMethod> handler(RequestMappingHandlerMapping mappings, ApiTool tool) {
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (info.getPatternValues().contains(tool.path())
                    && info.getMethodsCondition().getMethods().stream().anyMatch(m -> m.name().equals(tool.method().name()))) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }
}
