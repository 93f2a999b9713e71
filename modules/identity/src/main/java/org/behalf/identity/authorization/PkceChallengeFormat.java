package org.behalf.identity.authorization;

import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * A PKCE {@code code_challenge} has the form RFC 7636 section 4.2 gives it: 43 to 128 of
 * {@code A-Z a-z 0-9 - . _ ~} (an S256 challenge, the only method taken, is always 43). Spring
 * Authorization Server took any text, {@code abc} included, and issued a code that no verifier can
 * ever redeem: a client with a broken PKCE step learnt it only at the token endpoint. Refused as
 * {@code invalid_request}, sent to the client's redirect URI with {@code state} and {@code iss} like
 * Spring's other PKCE refusals ({@link IssuerInAuthorizationResponse}); runs after Spring's checks,
 * so the redirect URI has been matched to the client's by then.
 */
final class PkceChallengeFormat implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    /** 43 to 128 unreserved characters: a challenge's form (RFC 7636 section 4.2), and a verifier's (section 4.1, {@link TokenRequestRules}). */
    static final Pattern FORM = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Object challenge = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE);
        if (challenge == null || FORM.matcher(challenge.toString()).matches()) {
            // No challenge at all is Spring's to refuse, as it does for every client (PKCE is required).
            return;
        }
        throw ToTheClient.refusal(context, new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                "The PKCE code_challenge must be 43 to 128 letters, digits, '-', '.', '_' or '~' (RFC 7636 section 4.2).",
                "https://datatracker.ietf.org/doc/html/rfc7636#section-4.4.1"));
    }
}
