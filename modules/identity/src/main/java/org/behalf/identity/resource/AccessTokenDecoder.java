package org.behalf.identity.resource;

import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.behalf.identity.api.ProtectedResources;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.keys.SigningKeys;
import org.behalf.identity.tokens.HashedAuthorizationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Verifies Behalf's own access tokens in process (SECURITY-CASES 17): the signature first, ES256
 * only (never {@code none}, never HMAC), keys only from our own published set, header
 * {@code typ: at+jwt} (RFC 9068 section 4), {@code exp}/{@code nbf} with a minute of skew, the
 * audience (the API's, or the MCP server's on {@code /mcp}), the issuer, and that nobody has revoked it (one indexed read).
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenDecoder {

    static final String AUDIENCE = ProtectedResources.API_AUDIENCE;
    /**
     * The audience check's error for a token that is for our other resource (the API's at {@code /mcp}, the MCP
     * server's on the API): the one failure the 401 names ({@code ResourceServerConfiguration}). Any other
     * audience fails as every other check does, unnamed.
     */
    static final OAuth2Error OTHER_RESOURCE = new OAuth2Error("invalid_token", "The token is for our other resource", null);
    private static final OAuth2Error WRONG_AUDIENCE = new OAuth2Error("invalid_token", "The token's aud check failed", null);

    @Bean
    JwtDecoder accessTokens(SigningKeys keys, HashedAuthorizationService authorizations, IdentitySettings settings) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                (selector, context) -> selector.select(keys.published())));
        NimbusJwtDecoder signatureOnly = new NimbusJwtDecoder(processor);
        signatureOnly.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new VerifiedTokens(signatureOnly, new DelegatingOAuth2TokenValidator<>(List.of(new JwtTimestampValidator(),
                jwt -> forThisResource(jwt) ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(forOtherResource(jwt) ? OTHER_RESOURCE : WRONG_AUDIENCE),
                claim("iss", jwt -> issuedHere(issuer(jwt), settings)),
                claim("revoked", jwt -> authorizations.active(jwt.getTokenValue())))));
    }

    /**
     * With a configured issuer, exactly it. Without one (development), the URL this request reached
     * us at, where one loopback name stands for another on the same port: a token got at
     * localhost:8080 works at 127.0.0.1:8080, the same server on the same machine. No issuer is none of them.
     */
    private static boolean issuedHere(String issuer, IdentitySettings settings) {
        if (issuer == null) {
            return false;
        }
        String expected = expectedIssuer(settings);
        if (issuer.equals(expected) || settings.issuer() != null) {
            return issuer.equals(expected);
        }
        try {
            java.net.URI token = java.net.URI.create(issuer);
            java.net.URI here = java.net.URI.create(expected);
            return loopback(token.getHost()) && loopback(here.getHost()) && token.getPort() == here.getPort()
                    && java.util.Objects.equals(token.getScheme(), here.getScheme())
                    && java.util.Objects.equals(token.getRawPath(), here.getRawPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * RFC 8707 / RFC 9068 section 4: a token is accepted only by the resource it was issued for.
     * The MCP server takes only tokens exchanged for it ({@code aud} = the issuer's {@code /mcp});
     * everything else only tokens for the API ({@code behalf-api}). The issuer is checked beside
     * this, so the MCP audience is read relative to it.
     */
    private static boolean forThisResource(Jwt jwt) {
        List<String> audience = jwt.getAudience();
        if (audience == null) {
            return false;
        }
        if (!mcpRequest()) {
            return audience.contains(AUDIENCE);
        }
        String issuer = issuer(jwt);
        return issuer != null && audience.contains(ProtectedResources.mcp(issuer));
    }

    /** For the resource this request is not at: the API's audience at {@code /mcp}, the MCP server's elsewhere. */
    private static boolean forOtherResource(Jwt jwt) {
        List<String> audience = jwt.getAudience();
        String issuer = issuer(jwt);
        return audience != null && (mcpRequest() ? audience.contains(AUDIENCE)
                : issuer != null && audience.contains(ProtectedResources.mcp(issuer)));
    }

    /**
     * The token's {@code iss} as it is written. Not {@link Jwt#getIssuer()}: that parses it into a
     * {@code URL} on every call, and these checks run on every bearer request (7.8 % of the bearer
     * filter's samples under a userinfo load, docs/operations.md); a string that is no URL matches no issuer either.
     */
    private static String issuer(Jwt jwt) {
        return jwt.getClaimAsString(JwtClaimNames.ISS);
    }

    private static boolean mcpRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            jakarta.servlet.http.HttpServletRequest request = attributes.getRequest();
            return ProtectedResources.MCP_PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
        }
        return false;
    }

    private static boolean loopback(String host) {
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    /** The configured issuer, or the URL this request reached us at (what discovery announces). */
    static String expectedIssuer(IdentitySettings settings) {
        if (settings.issuer() != null) {
            return settings.issuer();
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return settings.issuer(attributes.getRequest());
        }
        return "";
    }

    private static OAuth2TokenValidator<Jwt> claim(String name, java.util.function.Predicate<Jwt> valid) {
        OAuth2Error error = new OAuth2Error("invalid_token", "The token's " + name + " check failed", null);
        return jwt -> valid.test(jwt) ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
    }

}
