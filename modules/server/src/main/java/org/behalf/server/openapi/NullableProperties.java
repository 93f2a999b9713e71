package org.behalf.server.openapi;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springframework.core.Nullness;
import org.springframework.stereotype.Component;

/**
 * Makes a record's {@code @Nullable} components nullable in the document. The server writes every
 * property, null ones too ({@code spring.jackson.default-property-inclusion: always}), so a last
 * page answers {@code "next": null}; a schema of {@code type: string} made a strict client, generated
 * from the document, refuse it. In OpenAPI 3.1 (JSON Schema 2020-12) null is a type of its own
 * ({@code nullable} was OpenAPI 3.0's): a plain property gets {@code type: [T, "null"]}, a
 * reference or an enumeration is one of itself or {@code {type: "null"}}.
 *
 * <p>The record says which of its components may be null ({@code org.jspecify.annotations.Nullable},
 * read as Spring reads it, {@link Nullness}), so the document follows the type rather than a list here.
 */
@Component
class NullableProperties implements ModelConverter {

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (resolved == null || type.getType() == null) {
            return resolved;
        }
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (!raw.isRecord()) {
            return resolved;
        }
        Schema model = resolved.get$ref() == null ? resolved
                : context.getDefinedModels().get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
        if (model == null || model.getProperties() == null) {
            return resolved;
        }
        @SuppressWarnings("unchecked")
        Map<String, Schema> properties = model.getProperties();
        for (RecordComponent component : raw.getRecordComponents()) {
            Schema property = properties.get(name(component));
            if (property != null && Nullness.forMethodReturnType(component.getAccessor()) == Nullness.NULLABLE) {
                properties.put(name(component), orNull(property));
            }
        }
        return resolved;
    }

    /** The property's name in JSON: its {@code @JsonProperty}, else the component's. */
    private static String name(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema orNull(Schema property) {
        Set<String> types = property.getTypes() != null ? new LinkedHashSet<>(property.getTypes())
                : property.getType() != null ? new LinkedHashSet<>(List.of(property.getType())) : null;
        if (types == null || property.getEnum() != null || property.get$ref() != null) {
            List<Schema> alternatives = property.getAnyOf();
            if (alternatives != null && alternatives.stream().anyMatch(NullableProperties::isNull)) {
                return property;
            }
            return new JsonSchema().anyOf(List.of(property, new JsonSchema().typesItem("null")));
        }
        types.add("null");
        property.setTypes(types);
        return property;
    }

    @SuppressWarnings("rawtypes")
    private static boolean isNull(Schema schema) {
        return schema.getTypes() != null && schema.getTypes().equals(Set.of("null"));
    }
}
