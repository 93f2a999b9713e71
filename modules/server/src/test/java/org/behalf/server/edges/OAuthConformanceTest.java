package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.CliAuthorization;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.RawHttp;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/security.md rule 39: the OAuth endpoints answer every malformed request with RFC 6749
 * section 5.2's JSON, and both discovery documents say exactly what the server does, checked by
 * doing what they say.
 */
class OAuthConformanceTest extends ServerTest {

    private static final String APP_REDIRECT = "https://app.example/callback";
    private static final List<String> DOCUMENTS = List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration");

    @Test
    void aRepeatedParameterIsInvalidRequestAtEveryOAuthEndpoint() {
        Http http = new Http(baseUrl());
        JsonNode client = client(http);
        List<Http.Response> answers = List.of(
                post(http, "/oauth2/token", "grant_type=authorization_code&code=a&code=b&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb"
                        + "&client_id=behalf-cli&code_verifier=" + "v".repeat(43), null),
                post(http, "/oauth2/token", "grant_type=client_credentials&scope=profile:read&scope=profile:write", basic(client)),
                post(http, "/oauth2/introspect", "token=a&token=b", basic(client)),
                post(http, "/oauth2/revoke", "token=a&token=b", basic(client)),
                http.get("/oauth2/authorize?response_type=code&client_id=behalf-cli&client_id=other&scope=profile:read", null));
        for (Http.Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.json().path("error").asString()).as(answer.toString()).isEqualTo("invalid_request");
            assertThat(answer.json().path("error_description").asString()).contains("more than once");
        }
    }

    /**
     * An address under /oauth2/ that is no endpoint is the plain 404 problem, typed not-found as every
     * other 404 is, where its type said invalid-request (RFC 9457; black-box finding F6, 2026-12-07).
     */
    @Test
    void anUnknownAddressUnderOauth2IsANotFoundProblem() {
        Http http = new Http(baseUrl());
        for (String path : List.of("/oauth2/par", "/oauth2/device_authorization", "/oauth2/xyz")) {
            Http.Response missing = http.get(path, null);
            assertThat(missing.status()).as(path + " " + missing).isEqualTo(404);
            assertThat(missing.json().path("type").asString()).as(path).endsWith("/problems/not-found");
        }
    }

    /**
     * oauth.md: a form larger than the server reads is 413 {"error":"invalid_request"} at every OAuth
     * endpoint; the token endpoint answered the error page's problem document, as its meter read the
     * unreadable form again (black-box finding F13, 2026-12-07).
     */
    @Test
    void aFormTooLargeToReadIsAnOAuthErrorAtTheTokenEndpointToo() {
        Http http = new Http(baseUrl());
        JsonNode client = client(http);
        String large = "grant_type=client_credentials&x=" + "a".repeat(1_100_000);
        for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect")) {
            for (String credentials : java.util.Arrays.asList(basic(client), null)) {
                Http.Response refused = post(http, endpoint, large, credentials);
                assertThat(refused.status()).as(endpoint + " " + refused).isEqualTo(413);
                assertThat(refused.header("Content-Type")).as(endpoint).startsWith("application/json");
                assertThat(refused.json().path("error").asString()).as(endpoint).isEqualTo("invalid_request");
                assertThat(refused.json().path("error_description").asString()).contains("too large");
            }
        }
    }

    /**
     * docs/security.md rule 41: a form of more fields than the container reads (its {@code maxParameterCount}, 1,000,
     * a guard against forms built to make parsing costly) is refused in words, as the container refused it before
     * the node read form bodies itself; a form of that many fields was parsed whole and the token issued.
     */
    @Test
    void aFormOfMoreFieldsThanTheServerReadsIsRefusedInWords() {
        Http http = new Http(baseUrl());
        JsonNode client = client(http);
        String fields = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "&f" + i + "=1").collect(java.util.stream.Collectors.joining());
        Http.Response refused = post(http, "/oauth2/token", "grant_type=client_credentials" + fields, basic(client));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("error").asString()).isEqualTo("invalid_request");
        assertThat(refused.json().path("error_description").asString()).contains("more than 1000 fields").doesNotContain("%-escape");
        // One field fewer is read, and answered.
        String fewer = fields.substring(fields.indexOf("&f1="));
        assertThat(post(http, "/oauth2/token", "grant_type=client_credentials" + fewer, basic(client)).status()).isEqualTo(200);
    }

    /**
     * RFC 8693 section 2.2.2, RFC 8707 section 2: an exchange names one target. Found by black-box
     * testing: the same audience twice was taken where a resource twice was refused, and an empty
     * resource was read as none (a token for the API) where an empty audience was refused.
     */
    @Test
    void anExchangeNamesOneTargetAndAnEmptyOneIsNoTarget() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "tgtholder");
        Member helper = Members.create(baseUrl(), "tgthelper");
        String grant = org.behalf.testing.Delegations.activeGrant(http, holder, helper, List.of("profile:read"));
        String form = Http.encode(org.behalf.testing.Delegations.exchangeForm(grant, helper.accessToken()));
        for (String target : List.of("&audience=behalf-api&audience=behalf-api", "&resource=", "&audience=",
                "&resource=" + java.net.URLEncoder.encode(baseUrl() + "/mcp", StandardCharsets.UTF_8) + "&resource=")) {
            Http.Response refused = post(http, "/oauth2/token", form + target, null);
            assertThat(refused.status()).as(target + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).as(target).isEqualTo("invalid_target");
        }
        assertThat(post(http, "/oauth2/token", form + "&audience=behalf-api", null).status()).isEqualTo(200);
    }

    /**
     * docs/delegation.md, SECURITY-CASES 24: an exchange without one of its token types is
     * invalid_request in words, where a missing subject_token_type was a 500 (a NullPointerException)
     * that anyone could cause, behalf-cli needing no secret (black-box finding).
     */
    @Test
    void anExchangeWithoutATokenTypeIsInvalidRequestInWords() {
        Http http = new Http(baseUrl());
        String exchange = "grant_type=" + org.behalf.testing.Delegations.EXCHANGE + "&client_id=behalf-cli";
        String types = "&subject_token_type=" + org.behalf.testing.Delegations.GRANT_TYPE
                + "&actor_token_type=" + org.behalf.testing.Delegations.ACCESS_TOKEN_TYPE;
        for (String form : List.of(exchange + "&subject_token=x", exchange + "&subject_token=grt_x&actor_token=x&actor_token_type="
                + org.behalf.testing.Delegations.ACCESS_TOKEN_TYPE, exchange + "&subject_token=grt_x&actor_token=x&subject_token_type="
                + org.behalf.testing.Delegations.GRANT_TYPE, exchange + types, exchange + "&subject_token=grt_x" + types)) {
            Http.Response refused = post(http, "/oauth2/token", form, null);
            assertThat(refused.status()).as(form + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).as(form).isEqualTo("invalid_request");
            assertThat(refused.json().path("error_description").asString()).as(form).isNotBlank();
        }
    }

    /**
     * Found by black-box testing: without grant_type the token endpoint answered 500 (a metrics
     * filter's NPE). A client that did not authenticate is invalid_client, one that did invalid_request.
     */
    @Test
    void aTokenRequestWithoutAGrantTypeIsRefusedInTheRfcsWords() {
        Http http = new Http(baseUrl());
        JsonNode client = client(http);
        for (Http.Response nobody : List.of(post(http, "/oauth2/token", "", null), post(http, "/oauth2/token", "client_id=behalf-cli", null))) {
            assertThat(nobody.status()).as(nobody.toString()).isEqualTo(401);
            assertThat(nobody.json().path("error").asString()).isEqualTo("invalid_client");
        }
        Http.Response authenticated = post(http, "/oauth2/token", "scope=profile:read", basic(client));
        assertThat(authenticated.status()).as(authenticated.toString()).isEqualTo(400);
        assertThat(authenticated.json().path("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void aClientAuthenticatesOneWayPerRequest() {
        Http http = new Http(baseUrl());
        JsonNode client = client(http);
        Http.Response both = post(http, "/oauth2/token", "grant_type=client_credentials&client_id=" + client.path("clientId").asString()
                + "&client_secret=" + client.path("clientSecret").asString(), basic(client));

        assertThat(both.status()).as(both.toString()).isEqualTo(400);
        assertThat(both.json().path("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void anUnauthenticatedTokenRequestIsInvalidClientWithItsJsonBody() {
        Http http = new Http(baseUrl());
        Http.Response password = http.form("/oauth2/token", Members.ordered("grant_type", "password", "client_id", "behalf-cli",
                "username", "x", "password", "y"));
        Http.Response nobody = http.form("/oauth2/introspect", Members.ordered("token", "x"));

        for (Http.Response answer : List.of(password, nobody)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            assertThat(answer.json().path("error").asString()).isEqualTo("invalid_client");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
        }
    }

    @Test
    void bothDiscoveryDocumentsAdvertiseExactlyTheMethodsTheServerAccepts() {
        Http http = new Http(baseUrl());
        for (String document : DOCUMENTS) {
            JsonNode metadata = http.get(document, null).json();
            assertThat(strings(metadata.path("token_endpoint_auth_methods_supported"))).as(document)
                    .containsExactly("client_secret_basic", "client_secret_post", "none");
            // Revocation requires client authentication (SECURITY-CASES 16): no "none", a public client cannot revoke.
            assertThat(strings(metadata.path("revocation_endpoint_auth_methods_supported"))).as(document)
                    .containsExactly("client_secret_basic", "client_secret_post");
            assertThat(strings(metadata.path("introspection_endpoint_auth_methods_supported"))).as(document)
                    .containsExactly("client_secret_basic", "client_secret_post");
            assertThat(strings(metadata.path("grant_types_supported"))).as(document).containsExactlyInAnyOrder("authorization_code",
                    "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange");
            assertThat(metadata.path("authorization_response_iss_parameter_supported").asBoolean()).as(document).isTrue();
            // Answers in the query only, no request objects (RFC 8414's default claimed fragment too; black-box finding).
            assertThat(strings(metadata.path("response_modes_supported"))).as(document).containsExactly("query");
            assertThat(metadata.path("request_uri_parameter_supported").asBoolean(true)).as(document).isFalse();
            assertThat(metadata.toString()).as(document).doesNotContain("tls_client_auth", "certificate_bound", "dpop", "device");
            // Registration is open (RFC 7591): both documents name it, the OpenID one too (black-box finding).
            assertThat(metadata.path("registration_endpoint").asString()).as(document).isEqualTo(baseUrl() + "/oauth2/register");
        }

        // Each advertised method works: a secret in the header, a secret in the body, and none with PKCE.
        JsonNode client = client(http);
        Http.Response byHeader = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials"), basic(client));
        Http.Response byBody = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials",
                "client_id", client.path("clientId").asString(), "client_secret", client.path("clientSecret").asString()));
        // Members.create signs the member in through behalf-cli: a public client, PKCE and no secret.
        String byPkce = Members.create(baseUrl(), "pkceonly").accessToken();
        assertThat(byHeader.status()).as(byHeader.toString()).isEqualTo(200);
        assertThat(byBody.status()).as(byBody.toString()).isEqualTo(200);
        assertThat(byPkce).isNotEmpty();
        Http.Response revoked = http.form("/oauth2/revoke", Members.ordered("token", byHeader.json().path("access_token").asString()),
                basic(client));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

        // One that is not advertised does not: a client assertion (private_key_jwt, client_secret_jwt).
        Http.Response assertion = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials",
                "client_id", client.path("clientId").asString(),
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", "e30.e30.sig"));
        assertThat(assertion.status()).as(assertion.toString()).isEqualTo(401);
        assertThat(assertion.json().path("error").asString()).isEqualTo("invalid_client");
    }

    /**
     * SECURITY-CASES 16, RFC 7009 section 2.2: a client asking to revoke another client's token is
     * answered exactly as for a token that does not exist (200, empty), and nothing is revoked; the
     * stock answer, invalid_client, told it that the token was live (black-box finding).
     */
    @Test
    void revokingAnotherClientsTokenIsAnsweredAsAnUnknownTokenAndRevokesNothing() {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "revokee");
        JsonNode app = appClient(http, member);
        JsonNode tokens = Members.appTokens(baseUrl(), app, APP_REDIRECT, member, "profile:read");
        String other = basic(client(http));

        Http.Response unknown = post(http, "/oauth2/revoke", "token=garbage", other);
        for (String token : List.of(tokens.path("access_token").asString(), tokens.path("refresh_token").asString())) {
            Http.Response answer = post(http, "/oauth2/revoke", "token=" + token, other);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(unknown.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(unknown.body()).isEmpty();
        }

        // Both still work for the client they were issued to.
        Http.Response introspected = post(http, "/oauth2/introspect", "token=" + tokens.path("access_token").asString(), basic(app));
        assertThat(introspected.json().path("active").asBoolean()).as(introspected.toString()).isTrue();
        Http.Response refreshed = post(http, "/oauth2/token", "grant_type=refresh_token&refresh_token="
                + tokens.path("refresh_token").asString(), basic(app));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
    }

    /**
     * RFC 6749 section 5.2 (docs/oauth.md): a client whose authentication failed gets the same 401
     * invalid_client, with its WWW-Authenticate challenge and JSON body, as one that sent none, at
     * every client-authenticated endpoint and with either way of sending the secret. The challenge
     * was missing when a secret was wrong (black-box finding).
     */
    @Test
    void aWrongSecretIsInvalidClientWithTheBasicChallengeAtEveryEndpoint() {
        Http http = new Http(baseUrl());
        JsonNode client = client(http);
        String id = client.path("clientId").asString();
        String wrong = Base64.getEncoder().encodeToString((id + ":not-the-secret").getBytes(StandardCharsets.UTF_8));
        String unknown = Base64.getEncoder().encodeToString("cli_nobody:secret".getBytes(StandardCharsets.UTF_8));
        for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
            List<Http.Response> answers = List.of(
                    post(http, endpoint, "grant_type=client_credentials&token=x", wrong),
                    post(http, endpoint, "grant_type=client_credentials&token=x", unknown),
                    post(http, endpoint, "grant_type=client_credentials&token=x&client_id=" + id + "&client_secret=not-the-secret", null),
                    post(http, endpoint, "token=x", null));
            for (Http.Response answer : answers) {
                assertThat(answer.status()).as(endpoint + " " + answer).isEqualTo(401);
                assertThat(answer.header("WWW-Authenticate")).as(endpoint + " " + answer).isEqualTo("Basic realm=\"behalf\"");
                assertThat(answer.json().path("error").asString()).isEqualTo("invalid_client");
                assertThat(answer.json().path("error_description").asString()).isNotEmpty();
            }
        }
    }

    /**
     * RFC 6749 section 5.2: a grant type the server does not offer is unsupported_grant_type, the
     * device grant (whose provider answered invalid_grant) as much as the password grant; the device
     * authorization and pushed authorization request endpoints are not offered either, so they are
     * the server's plain 404 with or without credentials, not a challenge (black-box findings).
     */
    @Test
    void grantTypesAndEndpointsNotOfferedAreAnsweredAsNotThere() {
        Http http = new Http(baseUrl());
        String client = basic(client(http));
        for (String grant : List.of("urn:ietf:params:oauth:grant-type:device_code&device_code=x", "password&username=a&password=b",
                "urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=x", "foo")) {
            Http.Response answer = post(http, "/oauth2/token", "grant_type=" + grant, client);
            assertThat(answer.status()).as(grant + " " + answer).isEqualTo(400);
            assertThat(answer.json().path("error").asString()).as(grant).isEqualTo("unsupported_grant_type");
            // Plain words, not Spring's "OAuth 2.0 Parameter: grant_type" with its error_uri (rule 39; black-box finding).
            assertThat(answer.json().path("error_description").asString()).as(grant).contains("grant type is not offered");
            assertThat(answer.json().has("error_uri")).as(grant).isFalse();
        }
        for (String path : List.of("/oauth2/device_authorization", "/oauth2/par", "/oauth2/nothing")) {
            for (String credentials : java.util.Arrays.asList(null, client)) {
                Http.Response answer = post(http, path, "client_id=behalf-cli&response_type=code", credentials);
                assertThat(answer.status()).as(path + " " + answer).isEqualTo(404);
                assertThat(answer.header("WWW-Authenticate")).as(path).isNull();
                assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
                assertThat(answer.json().path("type").asString()).as(path).isNotEmpty();
                assertThat(answer.json().path("detail").asString()).as(path).isEqualTo("There is nothing at this address.");
            }
        }
    }

    /** An address where nothing is answers in plain words, not Spring's "No static resource …" (black-box finding). */
    @Test
    void anUnknownAddressIsAPlainNotFound() {
        Http.Response answer = new Http(baseUrl()).get("/assets/nothing-here.css", null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(answer.json().path("detail").asString()).isEqualTo("There is nothing at this address.");
        assertThat(answer.json().path("type").asString()).isNotEmpty();
        assertThat(answer.body()).doesNotContain("static resource");
    }

    /**
     * SECURITY-CASES 39: the token endpoint's refusals are RFC 6749 section 5.2's JSON, a broken
     * %-escape (problem JSON before) and a method it does not take (a GET was sent to sign in) too;
     * the latter is 405 with Allow, as RFC 9110 section 15.5.6 asks.
     */
    @Test
    void aBrokenEscapeOrAnotherMethodIsRefusedInTheRfcsJson() {
        Http http = new Http(baseUrl());
        Http.Response broken = post(http, "/oauth2/token", "grant_type=client_credentials&x=%zz", basic(client(http)));
        assertThat(broken.status()).as(broken.toString()).isEqualTo(400);
        assertThat(broken.header("Content-Type")).startsWith("application/json");
        assertThat(broken.json().path("error").asString()).isEqualTo("invalid_request");
        assertThat(broken.json().path("error_description").asString()).contains("%-escape");

        for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke", "/oauth2/register")) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                Http.Response answer = http.send(http.request(endpoint, null).method(method, HttpRequest.BodyPublishers.noBody()).build());
                assertThat(answer.status()).as(method + " " + endpoint + " " + answer).isEqualTo(405);
                assertThat(answer.header("Allow")).isEqualTo("POST");
                assertThat(answer.header("Content-Type")).startsWith("application/json");
                assertThat(answer.json().path("error").asString()).isEqualTo("invalid_request");
            }
        }
    }

    /**
     * OpenID Connect Core section 5.3.3 and RFC 6750 section 3: /userinfo's refusals carry the Bearer
     * challenge in plain words: an ID token (not an access token) is invalid_token without the JWT
     * library's words, a token without openid is insufficient_scope naming the scope (black-box findings).
     */
    @Test
    void userInfoRefusalsChallengeInPlainWords() {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "userinfo");
        String idToken = Members.signIn(baseUrl(), member.handle(), member.password(), "openid profile:read").path("id_token").asString();

        Http.Response notAnAccessToken = http.get("/userinfo", idToken);
        assertThat(notAnAccessToken.status()).as(notAnAccessToken.toString()).isEqualTo(401);
        assertThat(notAnAccessToken.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"")
                .contains("The access token is invalid, expired or revoked.")
                .doesNotContain("Jwt", "JOSE", "decode", "typ");

        // Members.create's token has every member scope, and not openid.
        Http.Response withoutOpenid = http.get("/userinfo", member.accessToken());
        assertThat(withoutOpenid.status()).as(withoutOpenid.toString()).isEqualTo(403);
        assertThat(withoutOpenid.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"")
                .contains("scope=\"openid\"");
        assertThat(withoutOpenid.json().path("error").asString()).isEqualTo("insufficient_scope");
    }

    /**
     * A program (not a browser, which is sent to sign in) at the authorization endpoint without a
     * sign-in is told in words where signing in happens, as the endpoint's other refusals are: it was
     * an empty 401 pointing at the API's resource metadata (black-box finding).
     */
    @Test
    void aProgramAtTheAuthorizationEndpointWithoutASignInIsToldToUseABrowser() {
        Http http = new Http(baseUrl());
        // As curl asks (Accept: */*); a browser (text/html) is sent to the sign-in page.
        Http.Response refused = http.send(http.request("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
                "client_id", Members.CLI, "redirect_uri", "http://127.0.0.1:8765/callback", "scope", "openid", "state", "s",
                "code_challenge", "x".repeat(43), "code_challenge_method", "S256")), null).setHeader("Accept", "*/*").GET().build());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).contains("browser");
        assertThat(String.valueOf(refused.header("WWW-Authenticate"))).doesNotContain("oauth-protected-resource");
    }

    /**
     * RFC 7636 section 4.2: a code_challenge is 43 to 128 unreserved characters; anything else is
     * invalid_request, sent back to the client with state and iss (RFC 9207) before any code is
     * issued, where "abc" was taken and a code issued that no verifier could redeem (black-box finding).
     */
    @Test
    void aMalformedCodeChallengeIsRefusedToTheClient() {
        Member member = Members.create(baseUrl(), "pkceform");
        Http browser = CliAuthorization.signedIn(baseUrl(), member);
        for (String challenge : List.of("abc", "a".repeat(42), "a".repeat(129), "a".repeat(42) + "+")) {
            String location = browser.get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
                    "client_id", Members.CLI, "redirect_uri", "http://127.0.0.1:45678/callback", "scope", "profile:read",
                    "state", "st", "code_challenge", challenge, "code_challenge_method", "S256")), null).header("Location");
            assertThat(location).as(challenge).startsWith("http://127.0.0.1:45678/callback?error=invalid_request")
                    .contains("&state=st").contains("&iss=").doesNotContain("?code=", "&code=");
        }
    }

    private JsonNode client(Http http) {
        Member integrator = Members.create(baseUrl(), "conform");
        Http.Response created = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Conformance", "scopes",
                List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** A confidential client of a member's, for the authorization code flow with refresh tokens. */
    private JsonNode appClient(Http http, Member owner) {
        Http.Response created = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", "Conformance app", "scopes",
                List.of("profile:read"), "grantTypes", List.of("authorization_code", "refresh_token"), "redirectUris", List.of(APP_REDIRECT)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static String basic(JsonNode client) {
        return Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":" + client.path("clientSecret").asString())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A form body written by hand, since a map cannot repeat a name. */
    private static Http.Response post(Http http, String path, String form, String basic) {
        HttpRequest.Builder request = http.request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basic != null) {
            request.header("Authorization", "Basic " + basic);
        }
        return http.send(request.build());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    /**
     * A sign-in request refused before the app is checked is told why, to a program as to a person:
     * a response_type other than code was "its address, headers or length are malformed". Once the
     * redirect URI matched, it is unsupported_response_type sent to the client (RFC 6749 section
     * 4.1.2.1), where it was a page here too (black-box finding).
     */
    @Test
    void aSignInRequestOfAnotherResponseTypeIsToldWhyInPlainWords() {
        Http http = new Http(baseUrl());
        Http.Response refused = http.get("/oauth2/authorize?response_type=token&client_id=" + Members.CLI
                + "&redirect_uri=https://elsewhere.example/callback&scope=profile:read&state=st", null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("detail").asString()).contains("response_type=code").doesNotContain("malformed");

        String toClient = http.get("/oauth2/authorize?response_type=token&client_id=" + Members.CLI
                + "&redirect_uri=http://127.0.0.1:45678/callback&scope=profile:read&state=st", null).header("Location");
        assertThat(toClient).startsWith("http://127.0.0.1:45678/callback?error=unsupported_response_type&").contains("&state=st");
    }

    /**
     * docs/console.md: every error a browser meets outside the console is the error page in words that
     * fit (black-box findings): a repeated parameter of a sign-in request was JSON, the consent page
     * without its parameters problem JSON naming a field, an app's refused sign-out request said its
     * "address, headers or length are malformed", and a sign-in request with a broken %-escape was JSON.
     */
    @Test
    void aBrowserMeetsRefusedSignInAndSignOutRequestsAsTheErrorPageInWords() {
        Member member = Members.create(baseUrl(), "pages");
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        Http.Response repeated = page(browser, "/oauth2/authorize?response_type=code&client_id=behalf-cli&scope=profile:read&state=a&state=b");
        assertThat(repeated.body()).contains("state is missing, repeated or not allowed");
        RawHttp.Response broken = RawHttp.send(port, "GET", "/oauth2/authorize?response_type=code&client_id=behalf-cli"
                + "&scope=profile:read&state=%zz", null, null, "Accept: text/html");
        assertThat(broken.status()).as(broken.toString()).isEqualTo(400);
        assertThat(broken.header("Content-Type")).startsWith("text/html");
        assertThat(broken.body()).contains("address that brought you here is broken").doesNotContain("does not know the app");
        Http.Response consent = page(browser, "/oauth2/consent");
        assertThat(consent.body()).contains("no sign-in to that app in progress").doesNotContain("client_id");

        String idToken = Members.signIn(baseUrl(), member.handle(), member.password(), "openid profile:read").path("id_token").asString();
        Http.Response noHint = page(browser, "/connect/logout");
        assertThat(noHint.body()).contains("sign you out").doesNotContain("malformed");
        Http.Response elsewhere = page(browser, "/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F");
        assertThat(elsewhere.body()).contains("did not register").doesNotContain("malformed");
    }

    /** A browser's request for a page that is refused: a 400 error page (HTML), never a redirect. */
    private static Http.Response page(Http browser, String path) {
        Http.Response answer = browser.send(browser.request(path, null).setHeader("Accept", "text/html").GET().build());
        assertThat(answer.status()).as(path + " " + answer).isEqualTo(400);
        assertThat(answer.header("Content-Type")).as(path).startsWith("text/html");
        return answer;
    }
}
