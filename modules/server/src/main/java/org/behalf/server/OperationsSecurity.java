package org.behalf.server;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Health and info are for load balancers and operators: readable without a token, read-only.
 * Metrics ({@code /actuator/prometheus}) are served only on the management port
 * ({@code BEHALF_MANAGEMENT_PORT}), which the operator keeps off the public network: they tell how
 * busy each scope and grant type is, which is nobody else's business. Without a management port
 * they are refused. Every other actuator endpoint stays unexposed (config/application.yml) and
 * denied here.
 */
@Configuration(proxyBeanMethods = false)
class OperationsSecurity {

    /** The management server's port once it listens; 0 while it shares the application's port. */
    private final AtomicInteger managementPort = new AtomicInteger();

    @Bean
    @Order(0)
    SecurityFilterChain operationsEndpoints(HttpSecurity http) throws Exception {
        RequestMatcher onManagementPort = request -> onManagementPort(request);
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(request -> HttpMethod.GET.matches(request.getMethod())
                                && "/actuator/prometheus".equals(request.getRequestURI())
                                && onManagementPort.matches(request)).permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.disable());
        return http.build();
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> managementPortListener() {
        return event -> {
            if ("management".equals(event.getApplicationContext().getServerNamespace())) {
                managementPort.set(event.getWebServer().getPort());
            }
        };
    }

    private boolean onManagementPort(HttpServletRequest request) {
        int port = managementPort.get();
        return port > 0 && request.getLocalPort() == port;
    }
}
