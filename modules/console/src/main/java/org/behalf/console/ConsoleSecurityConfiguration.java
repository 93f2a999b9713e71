package org.behalf.console;

import org.behalf.console.session.ConsoleAuthorizedClients;
import org.behalf.console.session.ConsoleRegistrations;
import org.behalf.console.session.StaleForms;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationCodeGrantFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The console's pages: the member signs in on the authorization server's own form ({@code /login},
 * same browser session), every state change is a CSRF-protected POST, and no page may be framed or
 * load anything from elsewhere (SECURITY-CASES 22). The console's own sign-in, its tokens, is
 * Spring Security's OAuth client against this same server (docs/console.md, "How the console works").
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    /** Only our own assets; no page of the console may be framed (clickjacking on the grant form). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(5)
    SecurityFilterChain console(HttpSecurity http, ConsoleRegistrations registrations, ConsoleAuthorizedClients clients)
            throws Exception {
        http.securityMatcher("/", "/console", "/console/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/signup", "/console/password-reset", "/console/password-reset/complete",
                                "/console/dev/mailbox").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                        .accessDeniedHandler(new StaleForms()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .oauth2Client(client -> client
                        .authorizationCodeGrant(code -> code.authorizationRequestResolver(registrations.signInRequests())
                                .accessTokenResponseClient(clients.codeRedemption()))
                        .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationCodeGrantFilter>() {
                            @Override
                            public <O extends OAuth2AuthorizationCodeGrantFilter> O postProcess(O callback) {
                                // After the code is redeemed the browser always goes to /console/callback, which
                                // checks whose tokens came back, never to a request saved earlier in the session.
                                callback.setRequestCache(new NullRequestCache());
                                return callback;
                            }
                        }));
        return http.build();
    }
}
