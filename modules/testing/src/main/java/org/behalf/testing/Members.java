package org.behalf.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Members for tests, made the way a newcomer's script would (DESIGN.md section 5, "First-party
 * clients and bootstrap"): {@code POST /api/v1/members}, then the authorization code flow with PKCE
 * through the {@code behalf-cli} client, the sign-in form and the consent form.
 */
public final class Members {

    public static final String CLI = "behalf-cli";
    public static final String MEMBER_SCOPES = "profile:read profile:write invitations:read invitations:respond "
            + "invitations:send connections:read messages:read messages:send contacts:read contacts:write network:search "
            + "data:export activity:read delegation:manage account:manage clients:manage delegation:act";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");

    private Members() {
    }

    /** A signed-in member with a token of the given scopes. */
    public record Member(String id, String handle, String email, String password, String accessToken, String refreshToken) {
    }

    public static String unique(String prefix) {
        return prefix + Long.toString(Math.abs(RANDOM.nextLong()), 36).substring(0, 8);
    }

    public static Member create(String base, String prefix) {
        return create(base, prefix, MEMBER_SCOPES);
    }

    public static Member create(String base, String prefix, String scopes) {
        String handle = unique(prefix);
        String email = handle + "@example.test";
        String password = "correct horse " + handle;
        Http http = new Http(base);
        Http.Response created = http.post("/api/v1/members", null, Map.of("handle", handle, "email", email,
                "password", password, "displayName", "Test " + handle));
        if (created.status() != 201) {
            throw new IllegalStateException("sign-up failed: " + created);
        }
        JsonNode tokens = signIn(base, handle, password, scopes);
        return new Member(created.json().path("id").asString(), handle, email, password,
                tokens.path("access_token").asString(), tokens.path("refresh_token").asString(null));
    }

    /** The whole authorization code + PKCE flow; answers the token response. */
    public static JsonNode signIn(String base, String username, String password, String scopes) {
        return signIn(base, username, password, null, scopes);
    }

    /** The same, typing a one-time code into the sign-in form (two-step sign-in), when not null. */
    public static JsonNode signIn(String base, String username, String password, String code, String scopes) {
        Http http = new Http(base);
        String verifier = random(32);
        String state = random(16);
        String redirect = "http://127.0.0.1:45678/callback";
        String authorize = "/oauth2/authorize?" + Http.encode(ordered("response_type", "code", "client_id", CLI,
                "redirect_uri", redirect, "scope", scopes, "state", state, "code_challenge", challenge(verifier),
                "code_challenge_method", "S256"));

        Http.Response first = http.get(authorize, null);
        Map<String, String> fields = signInForm(http);
        fields.put("username", username);
        fields.put("password", password);
        if (code != null) {
            fields.put("code", code);
        }
        Http.Response signedIn = http.form("/login", fields);
        if (signedIn.status() != 302 || String.valueOf(signedIn.header("Location")).contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.status() + " " + signedIn.header("Location") + " after " + first.status());
        }
        String location = authorize(http, authorize, scopes);
        if (location == null || !location.startsWith("http://127.0.0.1:45678/callback")) {
            throw new IllegalStateException("no code: " + location);
        }
        Map<String, String> query = query(URI.create(location).getRawQuery());
        if (!state.equals(query.get("state")) || query.get("code") == null) {
            throw new IllegalStateException("bad callback: " + location);
        }
        Http.Response token = http.form("/oauth2/token", ordered("grant_type", "authorization_code", "code", query.get("code"),
                "redirect_uri", redirect, "client_id", CLI, "code_verifier", verifier));
        if (token.status() != 200) {
            throw new IllegalStateException("token request failed: " + token);
        }
        return token.json();
    }

    /**
     * The sign-in page's hidden fields (its CSRF token among them), which a sign-in posts back; fails
     * at once, saying so, when the page does not answer with its form.
     */
    public static Map<String, String> signInForm(Http http) {
        Http.Response login = http.get("/login", null);
        if (login.status() != 200) {
            // Without the page's form the sign-in would be refused as forged: say why instead.
            throw new IllegalStateException("sign-in page answered " + login.status() + " instead of its form");
        }
        return hidden(login.body());
    }

    /** A browser signed in through the sign-in form, for authorization requests built elsewhere (a client library). */
    public static Http browser(String base, String username, String password) {
        Http browser = new Http(base);
        Map<String, String> fields = signInForm(browser);
        fields.put("username", username);
        fields.put("password", password);
        Http.Response signedIn = browser.form("/login", fields);
        if (signedIn.status() != 302 || String.valueOf(signedIn.header("Location")).contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.status() + " " + signedIn.header("Location"));
        }
        return browser;
    }

    /**
     * Sends a signed-in browser to an authorization request and, if the consent page comes, ticks
     * every scope of {@code scopes} and allows; answers where the server redirects the browser
     * (null when it does not redirect).
     */
    public static String authorize(Http browser, String authorizationRequest, String scopes) {
        Http.Response answer = browser.get(authorizationRequest, null);
        if (answer.status() == 302 && String.valueOf(answer.header("Location")).contains("/oauth2/consent")) {
            answer = browser.get(answer.header("Location"), null);
        }
        if (answer.status() == 200) {
            StringBuilder body = new StringBuilder(Http.encode(hidden(answer.body())));
            for (String scope : scopes.split(" ")) {
                body.append("&scope=").append(java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8));
            }
            answer = browser.send(browser.request("/oauth2/authorize", null)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build());
        }
        return answer.header("Location");
    }

    /**
     * A third-party app's tokens for a member: the member signs in, the app's authorization
     * request (PKCE S256) goes through the consent page, and the app redeems the code with its
     * client id and secret. Answers the token response.
     */
    public static JsonNode appTokens(String base, JsonNode app, String redirect, Member member, String scopes) {
        String verifier = random(32);
        String location = authorize(browser(base, member.handle(), member.password()), "/oauth2/authorize?" + Http.encode(ordered(
                "response_type", "code", "client_id", app.path("clientId").asString(), "redirect_uri", redirect, "scope", scopes,
                "state", "st", "code_challenge", challenge(verifier), "code_challenge_method", "S256")), scopes);
        if (location == null || !location.startsWith(redirect) || !location.contains("code=")) {
            throw new IllegalStateException("no code: " + location);
        }
        String basic = Base64.getEncoder().encodeToString((app.path("clientId").asString() + ":"
                + app.path("clientSecret").asString()).getBytes(StandardCharsets.UTF_8));
        Http.Response token = new Http(base).form("/oauth2/token", ordered("grant_type", "authorization_code",
                "code", query(URI.create(location).getRawQuery()).get("code"), "redirect_uri", redirect, "code_verifier", verifier), basic);
        if (token.status() != 200) {
            throw new IllegalStateException("token request failed: " + token);
        }
        return token.json();
    }

    /** The claims of a JWT, without verifying it (the server verifies; tests read). */
    public static JsonNode claims(String jwt) {
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    public static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The hidden inputs of a page's forms (CSRF token, state, client id). */
    public static Map<String, String> hidden(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group());
            while (attribute.find()) {
                attributes.put(attribute.group(1).toLowerCase(java.util.Locale.ROOT), attribute.group(2).replace("&amp;", "&"));
            }
            if ("hidden".equalsIgnoreCase(attributes.get("type")) && attributes.containsKey("name")) {
                fields.put(attributes.get("name"), attributes.getOrDefault("value", ""));
            }
        }
        return fields;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** The PKCE S256 challenge of a verifier (RFC 7636 section 4.2). */
    public static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
