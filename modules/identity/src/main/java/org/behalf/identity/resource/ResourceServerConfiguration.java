package org.behalf.identity.resource;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.behalf.identity.api.BearerChallenge;
import org.behalf.identity.api.ProtectedResources;
import org.behalf.identity.api.ScopeCatalog;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.kernel.Caller;
import org.behalf.kernel.Callers;
import org.behalf.kernel.ProblemAnswer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resource API ({@code /api/**}) and the Shared Signals receivers' stream management
 * ({@code /ssf/**}, DESIGN.md section 6) and the MCP server ({@code /mcp}, DESIGN.md section 6, "AI
 * assistants"): stateless, bearer tokens only. This chain only establishes
 * who calls; what each endpoint allows is decided in one place, by the endpoint's declaration
 * (DESIGN.md section 2 rule 8, the delegation module's enforcement), which also answers 401 to an
 * anonymous call of a non-public endpoint. It also serves the API's protected-resource metadata
 * (RFC 9728), which every 401 names.
 */
@Configuration(proxyBeanMethods = false)
class ResourceServerConfiguration implements WebMvcConfigurer {

    @Bean
    @Order(2)
    SecurityFilterChain resourceApi(HttpSecurity http, CallerReader callers, ScopeCatalog catalog, IdentitySettings settings,
                                   JsonMapper json) throws Exception {
        http.securityMatcher("/api/**", "/ssf/**", ProtectedResources.MCP_PATH, ResourceMetadata.PATH, ResourceMetadata.MCP_PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(callers))
                        .authenticationEntryPoint(problem(json, settings))
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                ResourceMetadata.advertised(catalog, settings))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        if (settings.issuer() != null) {
            // The challenges of a 401/403 name the metadata under the configured issuer (BearerChallenge).
            http.addFilterBefore((request, response, chain) -> {
                request.setAttribute(BearerChallenge.ISSUER_ATTRIBUTE, settings.issuer());
                chain.doFilter(request, response);
            }, BearerTokenAuthenticationFilter.class);
        }
        return http.build();
    }

    @Bean
    Callers callers() {
        return () -> SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication
                ? Optional.of(authentication.caller()) : Optional.empty();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        Callers callers = callers();
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return Caller.class.equals(parameter.getParameterType());
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binders) {
                return callers.current().orElseThrow(() -> new IllegalStateException("no caller: the endpoint must not be public"));
            }
        });
    }

    /**
     * An invalid or expired token: 401 with RFC 6750's header naming the RFC 9728 metadata, and a
     * problem document, nothing else said (docs/security.md rule 17). But for a token that passed every
     * other check and is for the other resource (an API token at {@code /mcp}, an MCP server's token on the
     * API; RFC 8707): the answer says so and what to do, in the problem and as RFC 6750's
     * {@code error_description}. Black-box finding, 2026-12-07: an integrator with a fresh, valid token for
     * the wrong resource was told it was "invalid, expired or revoked", and the one step to add (the
     * exchange with {@code resource=<issuer>/mcp}) was what the answer did not hint at.
     */
    private static AuthenticationEntryPoint problem(JsonMapper json, IdentitySettings settings) {
        return (request, response, failure) -> {
            String detail = "The access token is invalid, expired or revoked.";
            String description = null;
            if (failure.getCause() instanceof JwtValidationException invalid
                    && invalid.getErrors().stream().allMatch(AccessTokenDecoder.OTHER_RESOURCE::equals)) {
                String mcp = ProtectedResources.mcp(AccessTokenDecoder.expectedIssuer(settings));
                description = ProtectedResources.MCP_PATH.equals(request.getServletPath())
                        ? "This token is for the API, not the MCP server: exchange the grant for a delegation token with resource="
                          + mcp + " (docs/agents.md)."
                        : "This token is for the MCP server (" + mcp + "), not the API: send it to " + mcp
                          + ", or exchange the grant without resource for a token for the API.";
                detail = description;
            }
            BearerChallenge.invalidToken(request, response, description);
            try {
                ProblemAnswer.write(response, ProblemAnswer.of(HttpStatus.UNAUTHORIZED, "invalid-token", detail), null, json);
            } catch (IOException e) {
                // the client went away
            }
        };
    }
}
