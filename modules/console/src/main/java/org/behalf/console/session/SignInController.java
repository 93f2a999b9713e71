package org.behalf.console.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.behalf.console.calls.Loopback;
import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.identity.api.ConsoleClient;
import org.behalf.identity.api.ScopeCatalog;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Signing in to the console is the authorization code flow with PKCE S256 (RFC 7636) against the
 * authorization server of this very installation, the member already signed in on its form: the
 * console then holds tokens like any other client, and its pages obey the same rules.
 */
@Controller
class SignInController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenEndpoint tokens;
    private final Bearers bearers;
    private final ResourceApi api;
    private final ScopeCatalog catalog;

    SignInController(TokenEndpoint tokens, Bearers bearers, ResourceApi api, ScopeCatalog catalog) {
        this.tokens = tokens;
        this.bearers = bearers;
        this.api = api;
        this.catalog = catalog;
    }

    @GetMapping("/console/signin")
    String start(HttpServletRequest request, @RequestParam(required = false) String next) {
        String verifier = random(32);
        String state = random(16);
        ConsoleSession.of(request).pending(new ConsoleSession.PendingSignIn(state, verifier, SafeTarget.of(next)));
        List<String> scopes = new ArrayList<>(catalog.memberScopes());
        scopes.add("openid");
        String authorize = UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code").queryParam("client_id", tokens.clientId())
                .queryParam("redirect_uri", callback(request)).queryParam("scope", String.join(" ", scopes))
                .queryParam("state", state).queryParam("code_challenge", challenge(verifier))
                .queryParam("code_challenge_method", "S256").encode().build().toUriString();
        return "redirect:" + authorize;
    }

    @GetMapping("/console/callback")
    String callback(HttpServletRequest request, Principal member, @RequestParam(required = false) String code,
                    @RequestParam(required = false) String state, @RequestParam(required = false) String error) {
        ConsoleSession session = ConsoleSession.of(request);
        ConsoleSession.PendingSignIn pending = session.takePending();
        // RFC 6749 section 10.12: a callback we did not start is refused, whatever it carries.
        if (pending == null || state == null || !pending.state().equals(state) || code == null || error != null) {
            return "redirect:/console/signin";
        }
        Tokens own;
        try {
            own = tokens.redeem(Loopback.of(request), code, pending.verifier(), callback(request));
        } catch (Refusal refused) {
            return "redirect:/console/signin";
        }
        JsonNode profile = api.get(request, own.accessToken(), "/api/v1/profile");
        if (!profile.path("id").asString("").equals(member.getName())) {
            // The browser's sign-in changed while the code was on its way: trust neither.
            return "redirect:/login";
        }
        session.signedIn(member.getName(), profile.path("displayName").asString(), own);
        return "redirect:" + pending.next();
    }

    @PostMapping("/console/signout")
    String signOut(HttpServletRequest request) {
        bearers.revokeAll(request);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?logout";
    }

    private static String callback(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).path(ConsoleClient.CALLBACK_PATH).build().toUriString();
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
