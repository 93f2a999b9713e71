package org.behalf.delegation.enforcement;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * A field given twice in one JSON object (RFC 8259 section 4: its meaning is then left to the
 * reader) is refused naming it ({@link BadInputAdvice}), never read as its last value:
 * {@code {"name":"dupe","name":"Other"}} was stored as "Other", and a held change is shown to the
 * holder as it was sent (black-box finding, 2026-12-07).
 */
@Configuration(proxyBeanMethods = false)
class OneValuePerField {

    @Bean
    JsonMapperBuilderCustomizer duplicateFieldsRefused() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
