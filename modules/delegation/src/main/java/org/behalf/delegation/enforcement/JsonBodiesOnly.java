package org.behalf.delegation.enforcement;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.yaml.JacksonYamlHttpMessageConverter;
import org.springframework.stereotype.Component;

/**
 * The API reads and writes JSON only (docs/api.md), as it documents. Spring adds a YAML converter
 * to every endpoint as soon as a YAML library is on the class path (the API document's
 * {@code /v3/api-docs.yaml} brings one, and writes its YAML itself), and a YAML body went where
 * every rule about bodies is written for JSON: a change held for review was shown with no fields and
 * applied over newer values without the conflict check (black-box testing, 2026-12-06;
 * docs/security.md rule 40).
 */
@Component
class JsonBodiesOnly implements ServerHttpMessageConvertersCustomizer {

    @Override
    public void customize(HttpMessageConverters.ServerBuilder converters) {
        converters.configureMessageConvertersList(list -> list.removeIf(JacksonYamlHttpMessageConverter.class::isInstance));
    }
}
