package org.behalf.delegation.enforcement;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.api.ResourceAccess;
import org.behalf.delegation.api.Scope;
import org.behalf.identity.api.Caller;
import org.behalf.identity.api.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one choke point of the resource API (DESIGN.md section 2 rule 8): before any handler runs,
 * its declaration is read and the caller checked against it; for a delegate, against the grant,
 * inside the transaction {@link EnforcementFilter} opened for the request.
 */
@Component
class AccessInterceptor implements HandlerInterceptor {

    private final Callers callers;
    private final GrantPolicy grants;
    private final java.time.Clock clock;
    private final JsonMapper json;

    AccessInterceptor(Callers callers, GrantPolicy grants, java.time.Clock clock, JsonMapper json) {
        this.callers = callers;
        this.grants = grants;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequestRecord record = RequestRecord.of(request);
        ResourceAccess declaration = method.getMethodAnnotation(ResourceAccess.class);
        record.declaration(declaration, method.getBeanType().getSimpleName() + "." + method.getMethod().getName());
        Optional<Caller> caller = callers.current();
        caller.ifPresent(record::caller);
        if (declaration == null) {
            return deny(record, response, HttpStatus.FORBIDDEN, "undeclared", "This endpoint declares no scope, so nobody may call it.");
        }
        if (ResourceAccess.PUBLIC.equals(declaration.scope())) {
            return true;
        }
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            return deny(record, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "A bearer token is required.");
        }
        RequestInfos.adoptBrowserAddress(request, caller.get());
        return allowed(record, response, caller.get(), declaration, RequestInfos.of(request).ip());
    }

    private boolean allowed(RequestRecord record, HttpServletResponse response, Caller caller, ResourceAccess declaration,
                            String address) throws IOException {
        // SECURITY-CASES 19: a client-credentials token acts for no member.
        if (caller.kind() == Caller.Kind.CLIENT) {
            return deny(record, response, HttpStatus.FORBIDDEN, "client-token", "A client's own token acts for no member account.");
        }
        boolean delegate = caller.kind() == Caller.Kind.DELEGATE;
        if (ResourceAccess.OWNER.equals(declaration.scope()) && caller.kind() != Caller.Kind.HOLDER) {
            return deny(record, response, HttpStatus.FORBIDDEN, "owner-only", "Only the member themself may do this.");
        }
        String scope = ResourceAccess.ANY_MEMBER_TOKEN.equals(declaration.scope())
                || ResourceAccess.OWNER.equals(declaration.scope()) ? null : declaration.scope();
        // DESIGN.md section 2 rules 2 and 4: what is never delegable stays out of a delegate's reach,
        // whatever a token says.
        if (delegate && (!declaration.delegates() || (scope != null && !Scope.of(scope).map(Scope::delegable).orElse(false)))) {
            return deny(record, response, HttpStatus.FORBIDDEN, "not-delegable",
                    "Delegates may not use this endpoint" + (scope == null ? "." : " (" + scope + " is never delegated)."));
        }
        if (scope != null && !caller.hasScope(scope)) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
            return deny(record, response, HttpStatus.FORBIDDEN, "insufficient-scope", "The token lacks the scope " + scope + ".");
        }
        if (delegate) {
            Optional<String> refusal = grants.check(caller, scope, address, clock.instant());
            if (refusal.isPresent()) {
                return deny(record, response, HttpStatus.FORBIDDEN, "grant-refused", refusal.get());
            }
        }
        return true;
    }

    private boolean deny(RequestRecord record, HttpServletResponse response, HttpStatus status, String type, String reason)
            throws IOException {
        record.deny(reason);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, reason);
        problem.setType(URI.create("https://behalf.example/problems/" + type));
        problem.setTitle(status.getReasonPhrase());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
        return false;
    }
}
