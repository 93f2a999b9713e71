package org.behalf.identity.authorization;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * OpenID Connect Core 1.0 section 3.1.2.1: {@code prompt=login} and a {@code max_age} older than the
 * sign-in make the person sign in again before a code is issued; Spring Authorization Server reads
 * neither, so an app that asked for a fresh sign-in got a code on a session hours old (and an ID
 * token whose {@code auth_time} its library then refused). With {@code prompt=none} too, the app is
 * told {@code login_required} instead (section 3.1.2.6); and so is one with {@code prompt=none} and
 * nobody signed in, which was sent to the sign-in page (section 3.1.2.1: "MUST NOT display any
 * authentication or consent user interface pages"; black-box finding F14, 2026-12-07). Spring's own
 * {@code login_required} is in its provider, which runs only after the sign-in page's entry point
 * has turned a request without a sign-in away; this runs among the checks Spring makes before that.
 *
 * <p>Runs after Spring's checks, so only a request from a registered client to its own redirect URI
 * can end a session here. It signs the browser session out and lets the request go on unsigned-in:
 * Spring then keeps the request and shows the sign-in page, and after the sign-in the same request
 * comes back. The session remembers that request, so that it is then taken: the sign-in
 * that just happened is the fresh one asked for, even with {@code max_age=0}.
 */
final class FreshSignIn implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String ASKED = FreshSignIn.class.getName() + ".asked";
    static final String NOT_SIGNED_IN = "The person is not signed in, and prompt=none asked not to show the sign-in page.";

    private final Clock clock;

    FreshSignIn(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken authorization = context.getAuthentication();
        Authentication person = (Authentication) authorization.getPrincipal();
        Object promptParameter = authorization.getAdditionalParameters().get("prompt");
        Set<String> prompt = promptParameter == null ? Set.of()
                : Arrays.stream(promptParameter.toString().trim().split(" +")).collect(Collectors.toSet());
        if (person == null || !person.isAuthenticated() || person instanceof AnonymousAuthenticationToken) {
            if (prompt.contains("none")) {
                throw ToTheClient.refusal(context, new OAuth2Error("login_required", NOT_SIGNED_IN, null));
            }
            return;
        }
        if (!prompt.contains("login") && !tooOld(person, authorization.getAdditionalParameters().get("max_age"))) {
            return;
        }
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        HttpSession session = request.getSession(false);
        String asked = fingerprint(authorization);
        if (session != null && asked.equals(session.getAttribute(ASKED))) {
            session.removeAttribute(ASKED);
            return;
        }
        if (prompt.contains("none")) {
            throw ToTheClient.refusal(context, new OAuth2Error("login_required",
                    "The person must sign in again, and prompt=none does not allow asking them.", null));
        }
        // Signed out: the provider sees no signed-in person, and the chain sends the browser to sign in.
        person.setAuthenticated(false);
        SecurityContextHolder.clearContext();
        if (session != null) {
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            session.setAttribute(ASKED, asked);
        }
    }

    /**
     * The request as it comes back after the sign-in: Spring's saved request adds {@code continue} to
     * its query, so the query itself is not the same; these parameters are.
     */
    private static String fingerprint(OAuth2AuthorizationCodeRequestAuthenticationToken authorization) {
        return String.join("\n", authorization.getClientId(), String.valueOf(authorization.getRedirectUri()),
                String.valueOf(authorization.getState()), String.join(" ", new java.util.TreeSet<>(authorization.getScopes())),
                String.valueOf(authorization.getAdditionalParameters().get("code_challenge")),
                String.valueOf(authorization.getAdditionalParameters().get("nonce")));
    }

    /**
     * Whether the sign-in is older than {@code max_age} seconds; a value that is not a whole number of
     * seconds asks nothing (section 3.1.2.1 defines none other). The sign-in time is the latest
     * factor's, as Spring writes {@code auth_time}.
     */
    private boolean tooOld(Authentication person, Object maxAge) {
        if (maxAge == null || !maxAge.toString().matches("[0-9]{1,9}")) {
            return false;
        }
        Instant signedIn = person.getAuthorities().stream().filter(FactorGrantedAuthority.class::isInstance)
                .map(authority -> ((FactorGrantedAuthority) authority).getIssuedAt()).max(Instant::compareTo).orElse(null);
        return signedIn == null || signedIn.plusSeconds(Long.parseLong(maxAge.toString())).isBefore(clock.instant());
    }
}
