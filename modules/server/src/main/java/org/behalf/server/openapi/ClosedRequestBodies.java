package org.behalf.server.openapi;

import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * A JSON request body with a field the server does not know is refused ({@code 400} naming the
 * field: SECURITY-CASES 21, docs/api.md), so the schema of every JSON request body says so with
 * {@code additionalProperties: false} (JSON Schema 2020-12 section 10.3.2.3): a client generated
 * from the document then refuses the field itself, where it was sent and refused by the server.
 * Only the body's own object is closed: a nested object's schema is often a response's too.
 *
 * <p>{@code required} is not written: whether a field must be sent is decided by each service
 * (some are needed only with others, or only for one kind), not by the record the body is read
 * into, so it cannot be derived from the code honestly.
 */
@Component
class ClosedRequestBodies implements OpenApiCustomizer {

    @Override
    @SuppressWarnings("rawtypes")
    public void customise(OpenAPI document) {
        if (document.getPaths() == null) {
            return;
        }
        Map<String, Schema> components = document.getComponents() == null ? null : document.getComponents().getSchemas();
        document.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> close(operation, components)));
    }

    @SuppressWarnings("rawtypes")
    private static void close(Operation operation, Map<String, Schema> components) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        operation.getRequestBody().getContent().forEach((type, media) -> {
            if (!type.equals("application/json") || media.getSchema() == null) {
                return;
            }
            Schema schema = media.getSchema();
            if (schema.get$ref() != null && components != null) {
                schema = components.get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
            }
            if (schema != null && schema.getProperties() != null && !schema.getProperties().isEmpty()) {
                schema.setAdditionalProperties(false);
            }
        });
    }
}
