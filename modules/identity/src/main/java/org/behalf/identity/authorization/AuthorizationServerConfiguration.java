package org.behalf.identity.authorization;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.identity.api.ConsoleClient;
import org.behalf.identity.api.GrantStanding;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.api.ScopeCatalog;
import org.behalf.identity.api.TokenGrantExtension;
import org.behalf.identity.keys.Es256TokenEncoder;
import org.behalf.identity.keys.SigningKeys;
import org.behalf.identity.tokens.ClientSecrets;
import org.behalf.identity.tokens.HashedAuthorizationService;
import org.behalf.identity.tokens.RememberedClients;
import org.behalf.identity.tokens.TokenStates;
import org.behalf.kernel.RequestState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.PublicClientAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2DeviceCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth 2.1 / OpenID Connect authorization server (Spring Authorization Server) on the
 * database: registered clients, authorizations and consents in MySQL, token values hashed, keys
 * from {@link SigningKeys}. Grant types: authorization code (PKCE S256 required for every client),
 * refresh token (rotated), client credentials, and the token exchange contributed through
 * {@link TokenGrantExtension}; no implicit and no password grant (DESIGN.md section 5).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClientRepository clients,
                                            List<TokenGrantExtension> extensions, ScopeCatalog catalog, SigningKeys keys,
                                            JsonMapper json, Clock clock, FirstPartyClients firstParty, DynamicClients dynamicClients,
                                            ObjectProvider<GrantStanding> grants)
            throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            // Discovery tells what the server really does (DESIGN.md section 5), on both documents.
            server.oidc(oidc -> oidc.providerConfigurationEndpoint(endpoint -> endpoint.providerConfigurationCustomizer(
                            metadata -> {
                                metadata.claims(AdvertisedMetadata.claims(catalog));
                                metadata.clientRegistrationEndpoint(AdvertisedMetadata.registrationEndpoint());
                                metadata.idTokenSigningAlgorithms(algorithms -> {
                                    algorithms.clear();
                                    algorithms.addAll(AdvertisedMetadata.idTokenAlgorithms());
                                });
                            }))
                            // Plain words and RFC 6750's challenge on every refusal of /userinfo (UserInfoChallenges).
                            .userInfoEndpoint(userInfo -> userInfo.errorResponseHandler(UserInfoChallenges.errors())
                                    .authenticationProviders(providers -> providers.replaceAll(UserInfoChallenges::keepingFailures))))
                    .authorizationServerMetadataEndpoint(endpoint -> endpoint.authorizationServerMetadataCustomizer(
                            metadata -> metadata.claims(AdvertisedMetadata.claims(catalog))))
                    // RFC 7591, open, for MCP clients; what they may register is DynamicRegistration's.
                    .clientRegistrationEndpoint(registration -> registration.openRegistrationAllowed(true)
                            .errorResponseHandler(new RegistrationErrorAnswer())
                            .authenticationProviders(providers -> providers.forEach(provider -> {
                                if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider dynamic) {
                                    dynamic.setAuthenticationValidator(DynamicRegistration.validator(catalog));
                                    dynamic.setRegisteredClientConverter(DynamicRegistration.converter(catalog, firstParty.tokens(), dynamicClients, clock));
                                }
                            })))
                    .authorizationEndpoint(authorize -> authorize.consentPage(ConsentPage.PATH)
                            .authorizationRequestConverter(new UnofferedAuthorizationRequests(clients))
                            .authenticationProviders(providers -> providers.forEach(provider -> {
                                if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codes) {
                                    // Spring's scope check stays; its redirect URI check let loopback variants through.
                                    codes.setAuthenticationValidator(new RegisteredRedirect()
                                            .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
                                            .andThen(new ScopeRequired()).andThen(new ResourceIndicator()).andThen(new AgentSignIn()).andThen(new PkceChallengeFormat())
                                            .andThen(new FreshSignIn(clock)));
                                }
                            }))
                            .authorizationResponseHandler(new IssuerInAuthorizationResponse())
                            .errorResponseHandler(new IssuerInAuthorizationResponse()))
                    .clientAuthentication(client -> client
                            .errorResponseHandler(OAuthErrorResponses.clientAuthentication())
                            .authenticationConverter(PublicClientIdentification.converter())
                            .authenticationProvider(PublicClientIdentification.provider(clients))
                            .authenticationProviders(providers -> {
                                providers.forEach(provider -> {
                                    if (provider instanceof ClientSecretAuthenticationProvider secrets) {
                                        secrets.setPasswordEncoder(new ClientSecrets());
                                    }
                                });
                                providers.replaceAll(provider -> provider instanceof PublicClientAuthenticationProvider pkce
                                        ? PublicClientIdentification.pkceOnly(pkce) : provider);
                            }))
                    .tokenIntrospectionEndpoint(introspection -> introspection
                            .errorResponseHandler(OAuthErrorResponses.endpoint())
                            .authenticationProviders(providers -> providers.replaceAll(stock -> new AudienceRestrictedIntrospection(stock,
                                    grants.getIfAvailable(() -> (grant, holder, delegate) -> Optional.empty()))))
                            // Plain JSON, or the signed JWT of RFC 9701 when asked for.
                            .introspectionResponseHandler(new IntrospectionAnswer(new Es256TokenEncoder(keys), json, clock)))
                    .tokenRevocationEndpoint(revocation -> revocation
                            .errorResponseHandler(OAuthErrorResponses.endpoint())
                            .authenticationProviders(providers -> providers.replaceAll(OwnTokenRevocation::new)))
                    .tokenEndpoint(token -> token
                            .errorResponseHandler(OAuthErrorResponses.endpoint())
                            // The device grant is not offered (AdvertisedMetadata): without its converter a
                            // device_code request is unsupported_grant_type (RFC 6749 section 5.2), as the
                            // password grant is, where Spring's provider answered invalid_grant.
                            .accessTokenRequestConverters(converters -> {
                                converters.removeIf(OAuth2DeviceCodeAuthenticationConverter.class::isInstance);
                                converters.addAll(0, extensions.stream().map(TokenGrantExtension::converter).toList());
                                converters.add(0, new TokenRequestRules());
                            })
                            .authenticationProviders(providers -> {
                                providers.removeIf(OAuth2DeviceCodeAuthenticationProvider.class::isInstance);
                                providers.addAll(0, extensions.stream().map(TokenGrantExtension::provider).toList());
                            }));
        });
        // Open registration (RFC 7591 section 3): no initial access token; DynamicRegistration limits what is registered.
        http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, DynamicRegistration.PATH).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(UserInfoChallenges.entryPoint()))
                // The first mapping is also the default, for requests neither matcher takes: sign-in, as before.
                // The client-authenticated endpoints are never a page: a library whose Accept names text/html
                // (Java's HttpURLConnection, so Nimbus) was sent to sign in there, and read the page's 200 as a
                // revocation done, where the client was not authenticated (SECURITY-CASES 16).
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                new AndRequestMatcher(browsers(), new NegatedRequestMatcher(InvalidClient.ENDPOINTS)))
                        .defaultAuthenticationEntryPointFor(InvalidClient.ENTRY_POINT, InvalidClient.ENDPOINTS))
                // Spring Authorization Server turns CSRF off on all its endpoints; the consent form's answer is a
                // person's page changing state, so it checks the form's token (docs/security.md rule 22).
                .csrf(csrf -> csrf.withObjectPostProcessor(ConsentAnswers.CSRF_CHECKED))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(WebSecurityConfiguration.PAGE_POLICY)));
        return http.build();
    }

    /** Browsers asking for a page are sent to sign in; API clients (Accept: *&#47;*) get a 401. */
    static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return matcher;
    }

    @Bean
    RegisteredClientRepository registeredClients(JdbcTemplate jdbc, TokenStates states) {
        JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
        clients.setRegisteredClientRowMapper(new UnchangedClientRows(new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper()));
        return new RememberedClients(clients, states);
    }

    @Bean
    HashedAuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients,
                                              PlatformTransactionManager transactions, TokenStates states,
                                              ApplicationEventPublisher events) {
        return new HashedAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients), jdbc, clients, transactions, states,
                events);
    }

    @Bean
    TokenStates tokenStates(JdbcTemplate jdbc, java.time.Clock clock, IdentitySettings settings) {
        return new TokenStates(jdbc, clock, settings.revocationPoll(), settings.revocationBound());
    }

    @Bean
    OAuth2AuthorizationConsentService consents(JdbcTemplate jdbc, RegisteredClientRepository clients, ActivityRecorder activity,
                                               TransactionTemplate transactions, ObjectProvider<RequestState> requests) {
        return new RecordedConsents(new JdbcOAuth2AuthorizationConsentService(jdbc, clients), clients, activity, transactions, requests);
    }

    /** The published keys (public parts), for the JWK Set endpoint; signing goes through {@link Es256TokenEncoder}. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return (selector, context) -> selector.select(keys.published());
    }

    @Bean
    OAuth2TokenGenerator<OAuth2Token> tokenGenerator(SigningKeys keys, OAuth2TokenCustomizer<JwtEncodingContext> claims) {
        JwtGenerator jwt = new JwtGenerator(new Es256TokenEncoder(keys));
        jwt.setJwtCustomizer(claims);
        return new DelegatingOAuth2TokenGenerator(jwt, new PublicClientRefreshTokens(), new OAuth2RefreshTokenGenerator());
    }

    @Bean
    ConsoleClient consoleClient(IdentitySettings settings) {
        return FirstPartyClients.consoleClient(settings);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentitySettings settings) {
        AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder().oidcUserInfoEndpoint("/userinfo");
        if (settings.issuer() != null) {
            builder.issuer(settings.issuer());
        }
        return builder.build();
    }

}
