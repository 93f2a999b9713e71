package org.behalf.identity.authorization;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;

/**
 * An RFC 6749 section 5.2 error answer written outside Spring Authorization Server's own endpoints
 * (a filter ahead of them, an entry point), by the same converter they use, and not cached as theirs
 * are not ({@link NotCached}).
 */
final class OAuthErrorAnswer {

    private static final OAuth2ErrorHttpMessageConverter CONVERTER = new OAuth2ErrorHttpMessageConverter();

    private OAuthErrorAnswer() {
    }

    static void write(HttpServletResponse response, int status, String code, String description) throws IOException {
        write(response, status, new OAuth2Error(code, description, null));
    }

    static void write(HttpServletResponse response, int status, OAuth2Error error) throws IOException {
        response.setStatus(status);
        NotCached.mark(response);
        CONVERTER.write(error, MediaType.APPLICATION_JSON, new ServletServerHttpResponse(response));
    }
}
