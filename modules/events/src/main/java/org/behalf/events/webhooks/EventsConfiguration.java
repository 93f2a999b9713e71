package org.behalf.events.webhooks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /**
     * The transmitter metadata ({@link TransmitterMetadata}) is public and read-only: no session, no
     * token, GET only; it sits outside {@code /api/}, so the resource chain does not see it.
     */
    @Bean
    @Order(6)
    SecurityFilterChain transmitterMetadataChain(HttpSecurity http) throws Exception {
        http.securityMatcher(TransmitterMetadata.PATH)
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET).permitAll().anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.disable());
        return http.build();
    }
}
