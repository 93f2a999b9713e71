package org.behalf.identity.authorization;

import org.behalf.identity.signin.ThrottledSignIn;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Pages for people (sign-in, consent, sign-out): session-based, CSRF-protected, never framed
 * (SECURITY-CASES 22); sign-in and sign-out return only to our own pages (SECURITY-CASES 23).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    /**
     * The policy of the sign-in and consent pages, the console's own (docs/console.md; the console's
     * {@code ConsoleSecurityConfiguration}): nothing loaded from elsewhere, never framed (SECURITY-CASES 22),
     * no base address. The pages load only the application's stylesheet and {@code /assets/zone.js}.
     */
    static final String PAGE_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(10)
    SecurityFilterChain pages(HttpSecurity http, ThrottledSignIn signIn) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", SignInFailures.THROTTLED, "/error", "/favicon.ico", "/assets/**").permitAll()
                        .anyRequest().authenticated())
                // The chain's own manager and no parent: registered as well in the global manager, the
                // provider ran twice per failure and each failed sign-in counted twice (docs/security.md rule 37).
                .authenticationManager(new ProviderManager(signIn))
                .formLogin(form -> form.loginPage("/login").failureHandler(new SignInFailures()).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY)));
        return http.build();
    }
}
