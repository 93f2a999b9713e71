package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.behalf.delegation.api.Scope;
import org.behalf.kernel.ResourceAccess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Default deny, proven over every endpoint the running application has (DESIGN.md section 2
 * rule 8): each resource API handler declares its scope and whether delegates may use it, and no
 * declaration lets a delegate reach a scope that is never delegable.
 */
class EndpointDeclarationTest extends ServerTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyResourceApiEndpointDeclaresItsAccess() {
        List<String> undeclared = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (mapping.getKey().getPatternValues().stream()
                    .noneMatch(pattern -> pattern.startsWith("/api/") || pattern.startsWith("/ssf/"))) {
                continue;
            }
            String name = mapping.getKey() + " -> " + mapping.getValue().getShortLogMessage();
            if (mapping.getValue().getMethodAnnotation(ResourceAccess.class) == null) {
                undeclared.add(name);
            } else {
                declared.add(name);
            }
        }
        assertThat(undeclared).as("API and /ssf/ endpoints without @ResourceAccess").isEmpty();
        assertThat(declared).as("the enumeration found the API").hasSizeGreaterThan(20);
    }

    /**
     * DESIGN.md section 6: the Shared Signals receivers' endpoints take the client's own token only,
     * never a delegate's; and only they do, since a client's token acts for no member elsewhere.
     */
    @Test
    void theClientsOwnTokenIsTakenUnderSsfOnlyAndThereOnly() {
        List<String> wrong = new ArrayList<>();
        int receiverEndpoints = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            ResourceAccess access = mapping.getValue().getMethodAnnotation(ResourceAccess.class);
            boolean ssf = mapping.getKey().getPatternValues().stream().anyMatch(pattern -> pattern.startsWith("/ssf/"));
            boolean clientItself = access != null && ResourceAccess.CLIENT_ITSELF.equals(access.scope());
            if (ssf != clientItself || (clientItself && access.delegates())) {
                wrong.add(mapping.getKey() + " -> " + mapping.getValue().getShortLogMessage());
            }
            receiverEndpoints += ssf ? 1 : 0;
        }
        assertThat(wrong).isEmpty();
        assertThat(receiverEndpoints).as("streams (5), status (2), verify").isEqualTo(8);
    }

    @Test
    void noDeclarationOpensANeverDelegableScopeToDelegates() {
        mappings.getHandlerMethods().forEach((info, handler) -> {
            ResourceAccess access = handler.getMethodAnnotation(ResourceAccess.class);
            if (access == null || !access.delegates()) {
                return;
            }
            Scope.of(access.scope()).ifPresent(scope -> assertThat(scope.delegable())
                    .as(info + " lets delegates use " + scope.value()).isTrue());
        });
    }
}
