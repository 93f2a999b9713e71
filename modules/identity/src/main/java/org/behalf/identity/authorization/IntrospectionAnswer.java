package org.behalf.identity.authorization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.keys.Es256TokenEncoder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2TokenIntrospectionHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the introspection answer (RFC 7662), as plain JSON by default or, for a client that asks
 * with {@code Accept: application/token-introspection+jwt}, as the JWT of RFC 9701: header
 * {@code typ: token-introspection+jwt}, signed ES256 with the platform's current key (published
 * at {@code /oauth2/jwks}), claims {@code iss} (the issuer), {@code aud} (the asking client, so no
 * other party can pass it off as its own, RFC 9701 section 5), {@code iat}, and
 * {@code token_introspection} holding exactly the JSON answer, {@code act} and {@code grant_id}
 * of a delegation token included. Spring Authorization Server has no signed answer; this replaces
 * its response handler, and what is answered (which tokens a client may learn about) is still
 * decided by the providers before it ({@link AudienceRestrictedIntrospection}).
 */
final class IntrospectionAnswer implements AuthenticationSuccessHandler {

    static final MediaType SIGNED = MediaType.parseMediaType("application/token-introspection+jwt");

    private final OAuth2TokenIntrospectionHttpMessageConverter json = new OAuth2TokenIntrospectionHttpMessageConverter();
    private final Es256TokenEncoder signer;
    private final JsonMapper mapper;
    private final Clock clock;

    IntrospectionAnswer(Es256TokenEncoder signer, JsonMapper mapper, Clock clock) {
        this.signer = signer;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2TokenIntrospectionAuthenticationToken answer = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
        if (!wantsSigned(request)) {
            json.write(answer.getTokenClaims(), null, new ServletServerHttpResponse(response));
            return;
        }
        String client = ((OAuth2ClientAuthenticationToken) answer.getPrincipal()).getRegisteredClient().getClientId();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(AuthorizationServerContextHolder.getContext().getIssuer())
                .audience(List.of(client))
                .issuedAt(clock.instant())
                .claim("token_introspection", asJson(answer.getTokenClaims()))
                .build();
        String jwt = signer.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.ES256).type(SIGNED.getSubtype()).build(), claims)).getTokenValue();
        response.setContentType(SIGNED.toString());
        NotCached.mark(response);
        response.getOutputStream().write(jwt.getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 9701 section 4: the client asks for the JWT by naming its media type in Accept; anything else gets JSON. */
    private static boolean wantsSigned(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.equalsTypeAndSubtype(SIGNED) && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The members of the plain JSON answer, written by the same converter, so both forms always say the same. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> asJson(OAuth2TokenIntrospection claims) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        HttpHeaders headers = new HttpHeaders();
        json.write(claims, MediaType.APPLICATION_JSON, new HttpOutputMessage() {
            @Override
            public OutputStream getBody() {
                return buffer;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        });
        return mapper.readValue(buffer.toByteArray(), Map.class);
    }
}
