package org.behalf.delegation.enforcement;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * A text field of a JSON body takes a JSON string only (docs/api.md: a value of the wrong kind is
 * refused naming its field, never changed; docs/security.md rule 40): Jackson's default stores
 * {@code {"headline": 5}} as {@code "5"} and {@code true} as {@code "true"}, so that what the client
 * sent and what was stored differ without a word. Refused as bad input by {@link BadInputAdvice},
 * like an array sent for text.
 */
@Configuration(proxyBeanMethods = false)
class TextFromStringsOnly {

    @Bean
    JsonMapperBuilderCustomizer textOnlyFromJsonStrings() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, text -> text
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
