package org.behalf.identity.authorization;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authorization responses carry {@code iss} (RFC 9207 section 2), so that a client talking to
 * several servers can tell which one answered (mix-up attacks; SECURITY-CASES 18).
 */
final class IssuerInAuthorizationResponse implements AuthenticationSuccessHandler {

    private final DefaultRedirectStrategy redirects = new DefaultRedirectStrategy();

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken answer = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(answer.getRedirectUri())
                .queryParam(OAuth2ParameterNames.CODE, encode(answer.getAuthorizationCode().getTokenValue()));
        if (answer.getState() != null) {
            uri.queryParam(OAuth2ParameterNames.STATE, encode(answer.getState()));
        }
        uri.queryParam("iss", encode(AuthorizationServerContextHolder.getContext().getIssuer()));
        redirects.sendRedirect(request, response, uri.build(true).toUriString());
    }

    private static String encode(String value) {
        return UriUtils.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
