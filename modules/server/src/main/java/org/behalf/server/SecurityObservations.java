package org.behalf.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes, by default, every filter of every chain, every authentication and every
 * authorization decision. On the token endpoint that was a fifth of the server's CPU (a profile of
 * {@code scripts/bench tokens}); the per-request metrics operators use ({@code http.server.requests})
 * do not depend on it and stay.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
