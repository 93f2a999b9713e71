package org.behalf.identity.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the issue promises: an off-the-shelf OIDC client library (Nimbus OAuth 2.0 SDK) discovers
 * Behalf, logs a member in with PKCE S256, validates the ID token, refreshes, introspects, revokes,
 * and gets a client-credentials token (DESIGN.md section 5). Only the browser's part (the sign-in
 * and consent forms) is driven by hand; every OAuth message is built and parsed by the library.
 */
class OidcClientLibraryTest extends IdentitySlice {

    /** behalf-cli's loopback redirect: any port (RFC 8252 section 7.3). */
    private static final URI LOOPBACK = URI.create("http://127.0.0.1:45679/callback");
    private static final URI APP = URI.create("https://app.example/cb");

    private OIDCProviderMetadata provider;

    @BeforeEach
    void discover() throws Exception {
        provider = OIDCProviderMetadata.resolve(new Issuer(baseUrl()));
    }

    @Test
    void discoveryNamesTheExactIssuerAndWhatTheServerReallyDoes() {
        // OIDC Discovery section 4.3 and SECURITY-CASES 18: the issuer is exactly the URL asked.
        assertThat(provider.getIssuer().getValue()).isEqualTo(baseUrl());
        assertThat(provider.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(provider.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.ES256);
        assertThat(provider.getScopes().toStringList()).contains("openid", "profile:read", "delegation:act");
        assertThat(provider.getIntrospectionEndpointURI()).isNotNull();
        assertThat(provider.getRevocationEndpointURI()).isNotNull();
    }

    @Test
    void aMemberSignsInThroughBehalfCliWithPkceAndTheIdTokenValidatesAgainstTheAdvertisedKeys() throws Exception {
        Member member = Members.create(baseUrl(), "nimbus", "profile:read");
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        ClientID cli = new ClientID(Members.CLI);
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "profile:read"), cli, LOOPBACK).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).endpointURI(provider.getAuthorizationEndpointURI()).build();

        AuthorizationSuccessResponse authorized = authorize(member, request.toURI().toString(), "openid profile:read");

        assertThat(authorized.getState()).isEqualTo(state);
        assertThat(authorized.getIssuer()).as("RFC 9207").isEqualTo(provider.getIssuer());
        TokenRequest tokenRequest = new TokenRequest.Builder(provider.getTokenEndpointURI(), cli,
                new AuthorizationCodeGrant(authorized.getAuthorizationCode(), LOOPBACK, verifier)).build();
        TokenResponse answer = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
        assertThat(answer.indicatesSuccess()).as(String.valueOf(answer)).isTrue();
        OIDCTokenResponse tokens = (OIDCTokenResponse) answer.toSuccessResponse();

        // The algorithm comes from discovery, as a library configured from metadata would take it:
        // an ID token signed otherwise than advertised fails here.
        IDTokenValidator validator = new IDTokenValidator(provider.getIssuer(), cli, provider.getIDTokenJWSAlgs().get(0),
                provider.getJWKSetURI().toURL());
        IDTokenClaimsSet idToken = validator.validate(tokens.getOIDCTokens().getIDToken(), nonce);
        assertThat(idToken.getSubject().getValue()).isEqualTo(member.id());
        BearerAccessToken accessToken = tokens.getOIDCTokens().getBearerAccessToken();
        UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(), accessToken)
                .toHTTPRequest().send());
        assertThat(userInfo.toSuccessResponse().getUserInfo().getSubject().getValue()).isEqualTo(member.id());
        assertThat(new Http(baseUrl()).get("/api/v1/profile", accessToken.getValue()).status()).isEqualTo(200);

        // The command-line client refreshes as a public client, with its id alone (OAuth 2.1 section 4.3.1).
        RefreshToken cliRefresh = tokens.getOIDCTokens().getRefreshToken();
        assertThat(cliRefresh).as("behalf-cli gets a rotating refresh token").isNotNull();
        TokenResponse refreshedByCli = OIDCTokenResponseParser.parse(new TokenRequest.Builder(provider.getTokenEndpointURI(), cli,
                new RefreshTokenGrant(cliRefresh)).build().toHTTPRequest().send());
        assertThat(refreshedByCli.indicatesSuccess()).as(String.valueOf(refreshedByCli)).isTrue();
        assertThat(refreshedByCli.toSuccessResponse().getTokens().getRefreshToken()).isNotEqualTo(cliRefresh);
    }

    @Test
    void anIntegratorRefreshesWithRotationIntrospectsAndRevokes() throws Exception {
        Member member = Members.create(baseUrl(), "nimbus");
        ClientSecretBasic app = register(member, List.of("authorization_code", "refresh_token"), List.of(APP.toString()));
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationRequest request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), app.getClientID())
                .scope(new Scope("profile:read")).redirectionURI(APP).state(new State())
                .codeChallenge(verifier, CodeChallengeMethod.S256).endpointURI(provider.getAuthorizationEndpointURI()).build();
        AuthorizationCode code = authorize(member, request.toURI().toString(), "profile:read").getAuthorizationCode();
        AccessTokenResponse first = tokens(app, new AuthorizationCodeGrant(code, APP, verifier));
        RefreshToken firstRefresh = first.getTokens().getRefreshToken();
        assertThat(firstRefresh).isNotNull();
        assertThat(introspect(app, first.getTokens().getAccessToken()).isActive()).isTrue();

        AccessTokenResponse refreshed = tokens(app, new RefreshTokenGrant(firstRefresh));

        RefreshToken secondRefresh = refreshed.getTokens().getRefreshToken();
        assertThat(secondRefresh).as("rotated (DESIGN.md section 5)").isNotNull().isNotEqualTo(firstRefresh);
        AccessToken current = refreshed.getTokens().getAccessToken();
        TokenIntrospectionSuccessResponse active = introspect(app, current);
        assertThat(active.isActive()).isTrue();
        assertThat(active.getClientID()).isEqualTo(app.getClientID());
        assertThat(active.getSubject().getValue()).isEqualTo(member.id());
        assertThat(active.getScope()).isEqualTo(new Scope("profile:read"));

        assertThat(new TokenRevocationRequest(provider.getRevocationEndpointURI(), app, current).toHTTPRequest().send()
                .getStatusCode()).isEqualTo(200);
        assertThat(introspect(app, current).isActive()).as("revoked (RFC 7009)").isFalse();
        assertThat(new Http(baseUrl()).get("/api/v1/profile", current.getValue()).status()).isEqualTo(401);

        // SECURITY-CASES 15: the old refresh token is refused, and presenting it revoked the family.
        assertThat(refusal(app, new RefreshTokenGrant(firstRefresh))).isEqualTo("invalid_grant");
        assertThat(refusal(app, new RefreshTokenGrant(secondRefresh))).isEqualTo("invalid_grant");
    }

    @Test
    void anIntegratorSignsMembersInWithOpenIdConnect() throws Exception {
        Member member = Members.create(baseUrl(), "nimbus");
        ClientSecretBasic app = register(member, List.of("openid", "profile:read"), List.of("authorization_code"), List.of(APP.toString()));
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "profile:read"), app.getClientID(), APP).state(new State()).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).endpointURI(provider.getAuthorizationEndpointURI()).build();
        AuthorizationCode code = authorize(member, request.toURI().toString(), "openid profile:read").getAuthorizationCode();

        TokenResponse answer = OIDCTokenResponseParser.parse(new TokenRequest.Builder(provider.getTokenEndpointURI(), app,
                new AuthorizationCodeGrant(code, APP, verifier)).build().toHTTPRequest().send());

        assertThat(answer.indicatesSuccess()).as(String.valueOf(answer)).isTrue();
        IDTokenClaimsSet idToken = new IDTokenValidator(provider.getIssuer(), app.getClientID(), provider.getIDTokenJWSAlgs().get(0),
                provider.getJWKSetURI().toURL()).validate(((OIDCTokenResponse) answer.toSuccessResponse()).getOIDCTokens().getIDToken(), nonce);
        assertThat(idToken.getSubject().getValue()).isEqualTo(member.id());
        assertThat(idToken.getAudience()).containsExactly(new com.nimbusds.oauth2.sdk.id.Audience(app.getClientID()));
    }

    @Test
    void anIntegratorGetsAClientCredentialsToken() throws Exception {
        Member integrator = Members.create(baseUrl(), "nimbus");
        ClientSecretBasic app = register(integrator, List.of("client_credentials"), List.of());

        AccessTokenResponse answer = tokens(app, new ClientCredentialsGrant(), new Scope("profile:read"));

        AccessToken token = answer.getTokens().getAccessToken();
        assertThat(token.getScope()).isEqualTo(new Scope("profile:read"));
        assertThat(answer.getTokens().getRefreshToken()).isNull();
        TokenIntrospectionSuccessResponse introspected = introspect(app, token);
        assertThat(introspected.isActive()).isTrue();
        assertThat(introspected.getSubject().getValue()).as("a client token acts for the client").isEqualTo(app.getClientID().getValue());
    }

    /**
     * What a single-page or mobile app does (black-box findings F8 and F17, 2026-12-07, found with this
     * library): it reads the API's identifier from the protected-resource metadata and names it as
     * resource (RFC 8707) in its authorization and token requests. At sign-out it tried to revoke its
     * refresh token as a public client, with its id alone (RFC 7009 section 5); revocation requires
     * client authentication (SECURITY-CASES 16), as discovery says (no "none" among its methods), so
     * that is refused, the words naming the way the sign-in ends, which behalf-cli's token reaches:
     * the API's delete of the session.
     */
    @Test
    void aPublicClientNamesTheApiAsResourceAndAtSignOutEndsItsSessionSinceItCannotRevoke() throws Exception {
        assertThat(provider.getRevocationEndpointAuthMethods()).containsExactly(
                com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod.CLIENT_SECRET_POST);
        URI api = URI.create(new Http(baseUrl()).get("/.well-known/oauth-protected-resource", null).json().path("resource").asString());
        Member member = Members.create(baseUrl(), "nimbus", "profile:read");
        ClientID cli = new ClientID(Members.CLI);
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationRequest request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), cli)
                .scope(new Scope("profile:read", "account:manage")).redirectionURI(LOOPBACK).state(new State()).resource(api)
                .codeChallenge(verifier, CodeChallengeMethod.S256).endpointURI(provider.getAuthorizationEndpointURI()).build();
        AuthorizationCode code = authorize(member, request.toURI().toString(), "profile:read account:manage").getAuthorizationCode();
        TokenResponse answer = TokenResponse.parse(new TokenRequest.Builder(provider.getTokenEndpointURI(), cli,
                new AuthorizationCodeGrant(code, LOOPBACK, verifier)).resource(api).build().toHTTPRequest().send());
        assertThat(answer.indicatesSuccess()).as(String.valueOf(answer)).isTrue();
        RefreshToken refresh = answer.toSuccessResponse().getTokens().getRefreshToken();
        AccessToken access = answer.toSuccessResponse().getTokens().getAccessToken();
        Http http = new Http(baseUrl());
        assertThat(http.get("/api/v1/profile", access.getValue()).status()).isEqualTo(200);

        HTTPResponse revocation = new TokenRevocationRequest(provider.getRevocationEndpointURI(), cli, refresh).toHTTPRequest().send();

        assertThat(revocation.getStatusCode()).isEqualTo(401);
        ErrorObject refused = ErrorObject.parse(revocation);
        assertThat(refused.getCode()).isEqualTo("invalid_client");
        assertThat(refused.getDescription()).contains("cannot revoke tokens here", "DELETE /api/v1/account/sessions/{id}");
        assertThat(http.get("/api/v1/profile", access.getValue()).status()).as("not revoked").isEqualTo(200);

        JsonNode session = items(http.get("/api/v1/account/sessions", access.getValue())).stream()
                .filter(s -> s.path("current").asBoolean()).findFirst().orElseThrow();
        assertThat(http.delete("/api/v1/account/sessions/" + session.path("id").asString(), access.getValue()).status()).isEqualTo(204);

        TokenResponse afterSignOut = TokenResponse.parse(new TokenRequest.Builder(provider.getTokenEndpointURI(), cli,
                new RefreshTokenGrant(refresh)).build().toHTTPRequest().send());
        assertThat(afterSignOut.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) afterSignOut).getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(http.get("/api/v1/profile", access.getValue()).status()).isEqualTo(401);
    }

    /** RFC 8707: a client-credentials token for the API, named by its identifier, where it was invalid_target (F17). */
    @Test
    void anIntegratorNamesTheApiAsResourceForAClientCredentialsToken() throws Exception {
        URI api = URI.create(new Http(baseUrl()).get("/.well-known/oauth-protected-resource", null).json().path("resource").asString());
        ClientSecretBasic app = register(Members.create(baseUrl(), "nimbus"), List.of("client_credentials"), List.of());

        TokenResponse answer = TokenResponse.parse(new TokenRequest.Builder(provider.getTokenEndpointURI(), app,
                new ClientCredentialsGrant()).scope(new Scope("profile:read")).resource(api).build().toHTTPRequest().send());
        TokenResponse elsewhere = TokenResponse.parse(new TokenRequest.Builder(provider.getTokenEndpointURI(), app,
                new ClientCredentialsGrant()).resource(URI.create("https://api.elsewhere.example")).build().toHTTPRequest().send());

        assertThat(answer.indicatesSuccess()).as(String.valueOf(answer)).isTrue();
        assertThat(introspect(app, answer.toSuccessResponse().getTokens().getAccessToken()).isActive()).isTrue();
        assertThat(((TokenErrorResponse) elsewhere).getErrorObject().getCode()).isEqualTo("invalid_target");
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** The browser's part: sign in, consent if asked; the library parses the redirect. */
    private AuthorizationSuccessResponse authorize(Member member, String request, String scopes) throws Exception {
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        String location = Members.authorize(browser, request, scopes);
        assertThat(location).as("redirected back to the client").isNotNull();
        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(location));
        assertThat(response.indicatesSuccess()).as(location).isTrue();
        return response.toSuccessResponse();
    }

    private ClientSecretBasic register(Member owner, List<String> grantTypes, List<String> redirects) {
        return register(owner, List.of("profile:read"), grantTypes, redirects);
    }

    private ClientSecretBasic register(Member owner, List<String> scopes, List<String> grantTypes, List<String> redirects) {
        Http.Response created = new Http(baseUrl()).post("/api/v1/clients", owner.accessToken(), Map.of("name", "Nimbus app",
                "scopes", scopes, "grantTypes", grantTypes, "redirectUris", redirects));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode client = created.json();
        return new ClientSecretBasic(new ClientID(client.path("clientId").asString()), new Secret(client.path("clientSecret").asString()));
    }

    private AccessTokenResponse tokens(ClientAuthentication client, AuthorizationGrant grant) throws Exception {
        return tokens(client, grant, null);
    }

    private AccessTokenResponse tokens(ClientAuthentication client, AuthorizationGrant grant, Scope scope)
            throws Exception {
        TokenResponse answer = token(client, grant, scope);
        assertThat(answer.indicatesSuccess()).as(String.valueOf(answer)).isTrue();
        return answer.toSuccessResponse();
    }

    private String refusal(ClientAuthentication client, AuthorizationGrant grant) throws Exception {
        TokenResponse answer = token(client, grant, null);
        assertThat(answer.indicatesSuccess()).isFalse();
        return ((TokenErrorResponse) answer).getErrorObject().getCode();
    }

    private TokenResponse token(ClientAuthentication client, AuthorizationGrant grant, Scope scope)
            throws Exception {
        TokenRequest request = new TokenRequest.Builder(provider.getTokenEndpointURI(), client, grant).scope(scope).build();
        return TokenResponse.parse(request.toHTTPRequest().send());
    }

    private TokenIntrospectionSuccessResponse introspect(ClientAuthentication client, Token token) throws Exception {
        TokenIntrospectionResponse answer = TokenIntrospectionResponse.parse(
                new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(), client, token).toHTTPRequest().send());
        assertThat(answer.indicatesSuccess()).as(String.valueOf(answer)).isTrue();
        return answer.toSuccessResponse();
    }
}
