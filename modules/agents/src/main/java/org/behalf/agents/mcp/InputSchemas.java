package org.behalf.agents.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.util.Json31;

/**
 * A tool's input schema (a JSON Schema object): its path variables (required strings), its query
 * parameters, and the fields of the operation's request body. The body's schema is made by
 * swagger-core's model converters, the generator springdoc uses for the API's OpenAPI 3.1 document
 * ({@code /v3/api-docs}), from the very request type the handler binds, so the tool and the API
 * describe one shape. Nested types go under {@code $defs}.
 */
final class InputSchemas {

    private static final String COMPONENTS = "#/components/schemas/";

    private InputSchemas() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(DeclaredOperations.Operation operation) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        Map<String, Object> defs = new LinkedHashMap<>();
        if (operation.body() != null) {
            ResolvedSchema resolved = ModelConverters.getInstance(true)
                    .readAllAsResolvedSchema(new AnnotatedType(operation.body()).resolveAsRef(false));
            Map<String, Object> body = plain(resolved.schema);
            properties.putAll((Map<String, Object>) body.getOrDefault("properties", Map.of()));
            required.addAll((List<String>) body.getOrDefault("required", List.of()));
            if (resolved.referencedSchemas != null) {
                resolved.referencedSchemas.forEach((name, schema) -> defs.put(name, plain(schema)));
            }
        }
        operation.query().forEach((name, type) -> properties.put(name, Map.of("type",
                Number.class.isAssignableFrom(type) || type == int.class || type == long.class ? "integer" : "string")));
        for (String variable : operation.pathVariables()) {
            properties.put(variable, Map.of("type", "string", "description", "The " + variable + " in " + operation.tool().path()));
            required.add(variable);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        if (!defs.isEmpty()) {
            schema.put("$defs", defs);
        }
        return schema;
    }

    /** The schema as plain maps, references pointing into {@code $defs} rather than an OpenAPI document's components. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(Object schema) {
        try {
            String text = Json31.mapper().writeValueAsString(schema).replace(COMPONENTS, "#/$defs/");
            return Json31.mapper().readValue(text, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a request type's schema could not be written", e);
        }
    }
}
