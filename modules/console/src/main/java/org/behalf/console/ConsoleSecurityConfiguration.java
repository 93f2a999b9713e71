package org.behalf.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The console's pages: the member signs in on the authorization server's own form ({@code /login},
 * same browser session), every state change is a CSRF-protected POST, and no page may be framed or
 * load anything from elsewhere (SECURITY-CASES 22).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    /** Only our own assets; no page of the console may be framed (clickjacking on the grant form). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(5)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.securityMatcher("/", "/console", "/console/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/signup", "/console/password-reset", "/console/password-reset/complete",
                                "/console/dev/mailbox").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }
}
