package org.behalf.identity.authorization;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.api.SignInRequestErrors;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The consent form's answer (Allow or Deny, {@link ConsentPage}): a POST to the authorization
 * endpoint without {@code response_type}, as Spring Authorization Server tells it from a POSTed
 * authorization request. Only it checks a CSRF token there (docs/security.md rule 22; SECURITY-CASES
 * 22): Spring turns CSRF off on all its endpoints, so a page of another site could answer a pending
 * consent with its state and be given a code (black-box finding). An authorization request may
 * itself be POSTed by another site (RFC 6749 section 3.1), and the token endpoints are no forms.
 */
final class ConsentAnswers {

    static final RequestMatcher MATCHER = ConsentAnswers::matches;

    /** Replaces the CSRF filter's matcher, which Spring's configuration left ignoring every one of its endpoints. */
    static final ObjectPostProcessor<CsrfFilter> CSRF_CHECKED = new ObjectPostProcessor<>() {
        @Override
        public <O extends CsrfFilter> O postProcess(O filter) {
            filter.setRequireCsrfProtectionMatcher(MATCHER);
            return filter;
        }
    };

    private ConsentAnswers() {
    }

    private static boolean matches(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && SignInRequestErrors.AUTHORIZATION_ENDPOINT.equals(request.getServletPath())
                && request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) == null;
    }
}
