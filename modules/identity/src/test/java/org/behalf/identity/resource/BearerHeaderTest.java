package org.behalf.identity.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * {@link BearerHeader} answers every header as Spring Security's default resolver does, but for the
 * spaces before the token: RFC 6750 section 2.1 allows more than one (black-box finding F5), the
 * default refused them, so a header is answered as the default answers it with one space there.
 */
class BearerHeaderTest {

    private final BearerTokenResolver ours = new BearerHeader();
    private final BearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Test
    void aWellFormedTokenIsReadAndEverythingElseIsRefusedOrIgnoredAsSpringSecurityDoes() {
        List<String> headers = new ArrayList<>(List.of("Bearer abc.DEF-ghi_jkl~mno+pqr/stu==", "bearer x", "BEARER x=",
                "Bearer", "Bearer ", "Bearer  x", "Bearer x y", "Bearer =", "Bearer x=y", "Bearer x\n", "Bearer\tx",
                "Bearerx", "Basic dXNlcjpwYXNz", "bearer", "Bear x", "Bearer x%20", "Bearer x\u00e9", "Bearer \u212a",
                "B\u00e9arer x", "Bearer x,Bearer y", ""));
        Random random = new Random(6750);
        String alphabet = "aZ09-._~+/= \t\r\n,;%\"\\\u0000\u007f\u00e9\u00ff\u212a\u0131\u017fBbEeAaRr";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : random.nextBoolean() ? "bEaReR" : "");
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(answer(ours, header)).as("Authorization: %s", header).isEqualTo(answer(spring, oneSpace(header)));
        }
        assertThat(answer(ours, null)).isEqualTo(answer(spring, null)).isEqualTo("no token");
    }

    @Test
    void spacesBeforeTheTokenAreOneSpaceAndNoTokenAfterThemIsMalformed() {
        assertThat(answer(ours, "Bearer   abc")).isEqualTo("token abc");
        assertThat(answer(ours, "bearer  abc==")).isEqualTo("token abc==");
        assertThat(answer(ours, "Bearer   ")).startsWith("refused invalid_token");
        assertThat(answer(ours, "Bearer  \tabc")).startsWith("refused invalid_token");
    }

    @Test
    void aMalformedBearerHeaderIsAnInvalidToken() {
        assertThatThrownBy(() -> ours.resolve(request("Bearer not a token")))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, failure -> {
                    assertThat(failure.getError().getErrorCode()).isEqualTo("invalid_token");
                    assertThat(failure.getError().getDescription()).isEqualTo("Bearer token is malformed");
                });
    }

    @Test
    void twoAuthorizationHeadersAreAnInvalidRequestWhicheverComesFirst() {
        for (List<String> headers : List.of(List.of("Bearer abc", "Bearer xyz"), List.of("Bearer abc", "Basic dXNlcjpwYXNz"))) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/profile");
            headers.forEach(header -> request.addHeader("Authorization", header));
            assertThatThrownBy(() -> ours.resolve(request)).as(headers.toString())
                    .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                            failure -> assertThat(failure.getError().getErrorCode()).isEqualTo("invalid_request"));
        }
    }

    @Test
    void aTokenInTheQueryOrAFormIsNotRead() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/profile");
        request.setQueryString("access_token=abc");
        request.addParameter("access_token", "abc");
        request.setContentType("application/x-www-form-urlencoded");
        assertThat(ours.resolve(request)).isNull();
        assertThat(spring.resolve(request)).isNull();
    }

    /** The header with the spaces after a leading "Bearer " (any case) as one. */
    private static String oneSpace(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header;
        }
        int token = 7;
        while (token < header.length() && header.charAt(token) == ' ') {
            token++;
        }
        return header.substring(0, 7) + header.substring(token);
    }

    private static String answer(BearerTokenResolver resolver, String header) {
        try {
            String token = resolver.resolve(request(header));
            return token == null ? "no token" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + ": " + e.getError().getDescription();
        }
    }

    private static MockHttpServletRequest request(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/userinfo");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        return request;
    }
}
