package org.behalf.server;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.kernel.InvalidRequest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before any other filter, a request whose path is not written in its one plain form
 * (docs/security.md rule 35). Servlet containers, Spring Security and Spring MVC each normalise a
 * path in their own way (percent-decoding, merging slashes, removing dot segments and {@code ;}
 * parameters); a filter that decides on one form while the dispatcher routes on another lets a
 * request reach a handler unchecked and unrecorded, as {@code PATCH /%61pi/v1/profile} once did.
 * With only plain paths let in, every later step sees the same path whatever it reads.
 *
 * <p>Plain means: no empty segment ({@code //}), no {@code .} or {@code ..} segment, no {@code ;}
 * parameter, no backslash, and no percent-encoding of a character that needs none (RFC 3986
 * section 6.2.2.2: an encoded unreserved character is the same URI as the character itself) nor of
 * {@code / \ ; %} or a control character. Behalf's own paths never need encoding (their ids are
 * printable ASCII), so nothing a documented client sends is refused. The served prefixes are
 * matched case-sensitively everywhere, and a path that spells one in another case is refused too,
 * for the proxies and routers in front that fold case.
 *
 * <p>Hand-written: Spring Security's {@code StrictHttpFirewall} refuses part of this list but lets
 * encoded letters through, and it runs inside the security chain, after the filters before it.
 */
@Component
class CanonicalPaths extends OncePerRequestFilter implements Ordered {

    private static final List<String> PREFIXES = List.of("/api/", "/oauth2/", "/.well-known/", "/console", "/userinfo",
            "/connect/", "/login", "/logout", "/actuator/", "/v3/api-docs", "/docs/", "/ssf/");
    private static final String UNRESERVED_OR_DELIMITER = "-._~/\\;%";

    private final JsonMapper json;

    CanonicalPaths(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (plain(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        new NonCanonicalPath().write(response, json);
    }

    /** The refusal, as every other problem answer is built (identity's {@link InvalidRequest}). */
    private static final class NonCanonicalPath extends InvalidRequest {

        NonCanonicalPath() {
            super(HttpStatus.BAD_REQUEST, "non-canonical-path", "Bad Request", null,
                    "The address is not written in its plain form (encoded letters, doubled slashes, dot segments or "
                            + "parameters in the path, or a different case). Use the address exactly as documented.");
        }
    }

    static boolean plain(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            boolean last = end == path.length();
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..") || !plainSegment(segment)) {
                return false;
            }
            start = end + 1;
        }
        return PREFIXES.stream().noneMatch(prefix -> path.regionMatches(true, 0, prefix, 0, prefix.length())
                && !path.startsWith(prefix));
    }

    private static boolean plainSegment(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == ';' || c == '\\' || c < 0x21 || c > 0x7e) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return false;
                }
                int high = Character.digit(segment.charAt(i + 1), 16);
                int low = Character.digit(segment.charAt(i + 2), 16);
                int value = high * 16 + low;
                if (high < 0 || low < 0 || value < 0x20 || value == 0x7f || (value < 0x80 && Character.isLetterOrDigit(value))
                        || UNRESERVED_OR_DELIMITER.indexOf(value) >= 0) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
