package org.behalf.console.session;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the console may send a browser after sign-in: one of its own pages, never another site
 * (SECURITY-CASES 23, open redirects). A path with a dot segment, plain or %-encoded
 * ({@code /console/../x}, {@code /console/%2e%2e/x}), is refused rather than normalized: the browser
 * resolves it to a page outside {@code /console}, and the redirect itself threw (black-box finding).
 */
public final class SafeTarget {

    private static final String HOME = "/console";

    private SafeTarget() {
    }

    public static String of(String requested) {
        if (requested == null || !requested.startsWith(HOME) || requested.contains("//") || requested.contains("\\")
                || requested.chars().anyMatch(c -> c < 0x21 || c == 0x7f) || dotSegments(requested)) {
            return HOME;
        }
        String rest = requested.substring(HOME.length());
        return rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?") ? requested : HOME;
    }

    /** The console's sign-in, coming back afterwards to that page (one of the console's own, else the start page). */
    public static String signInBackTo(String requested) {
        return UriComponentsBuilder.fromPath("/console/signin").queryParam("next", of(requested)).encode().build().toUriString();
    }

    /**
     * The page a form was sent from: the browser's Referer, kept to the console's own pages (else the
     * start page), since the form's own address may answer only POST (revoke, approve).
     */
    public static String formPage(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return HOME;
        }
        try {
            URI page = URI.create(referer);
            return of(page.getRawQuery() == null ? page.getRawPath() : page.getRawPath() + "?" + page.getRawQuery());
        } catch (IllegalArgumentException unreadable) {
            return HOME;
        }
    }

    /** RFC 3986 section 5.2.4: "." and ".." segments of the path, read as the browser reads them (%2e is "."). */
    private static boolean dotSegments(String target) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        String decoded;
        try {
            decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException broken) {
            return true;
        }
        for (String segment : decoded.split("[/\\\\]", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return decoded.contains("//") || decoded.contains("\\");
    }
}
