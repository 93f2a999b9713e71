package org.behalf.delegation.enforcement;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.behalf.delegation.approval.Approval;
import org.behalf.delegation.approval.ApprovalService;
import org.behalf.delegation.approval.FieldState;
import org.behalf.kernel.TextField;
import org.behalf.kernel.ActivityNotes;
import org.behalf.kernel.ClientAddress;
import org.behalf.kernel.ProblemAnswer;
import org.behalf.kernel.RequestState;
import tools.jackson.core.JacksonException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.core.MethodParameter;
import org.springframework.beans.factory.ObjectProvider;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.delegation.api.HeldChangeRules;
import org.behalf.delegation.api.Scope;
import org.behalf.identity.api.BearerChallenge;
import org.behalf.kernel.Caller;
import org.behalf.kernel.Callers;
import org.behalf.kernel.ResourceAccess;
import org.behalf.kernel.StrictUtf8;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one choke point of the resource API (DESIGN.md section 2 rule 8): before any handler runs,
 * its declaration is read and the caller checked against it; for a delegate, against the grant,
 * inside the transaction {@link EnforcementFilter} opened for the request.
 */
@Component
class AccessInterceptor implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String APPROVAL_HEADER = "X-Behalf-Approval";
    private static final Pattern APPROVAL_ID = Pattern.compile("apr_[A-Za-z0-9_-]{22}");
    private static final int RECORDED_BODY = 2_000;
    /** The bodies Spring's JSON converter reads, the only ones the API takes (JsonBodiesOnly). */
    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));

    private final Callers callers;
    private final GrantPolicy grants;
    private final java.time.Clock clock;
    private final JsonMapper json;
    private final ApprovalService approvals;
    private final ObjectProvider<RequestState> requests;

    AccessInterceptor(Callers callers, GrantPolicy grants, java.time.Clock clock, JsonMapper json, ApprovalService approvals,
                      ObjectProvider<RequestState> requests) {
        this.requests = requests;
        this.callers = callers;
        this.grants = grants;
        this.clock = clock;
        this.json = json;
        this.approvals = approvals;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        RequestRecord record = RequestRecord.of(request);
        if (!(handler instanceof HandlerMethod method)) {
            // DESIGN.md section 2 rule 8 (default deny): under /api/ only declared controller
            // methods answer; anything else (a static resource, say) is no endpoint at all.
            callers.current().ifPresent(record::caller);
            return deny(record, response, HttpStatus.NOT_FOUND, "not-found", "There is no such endpoint.");
        }
        ResourceAccess declaration = method.getMethodAnnotation(ResourceAccess.class);
        record.declaration(declaration, method.getBeanType().getSimpleName() + "." + method.getMethod().getName());
        Optional<Caller> caller = callers.current();
        caller.ifPresent(record::caller);
        caller.ifPresent(known -> ClientAddress.adopt(request, known));
        if (declaration == null && springsOptionsAnswer(request, method)) {
            record.optionsAnswer();
            // A delegate's OPTIONS is an entry under its grant: after a revocation it read as the revoked grant's success
            // (black-box finding 16). A token that is sent is checked (docs/api.md), so its grant is too.
            if (caller.isPresent() && caller.get().kind() == Caller.Kind.DELEGATE) {
                GrantPolicy.Decision decision = grants.check(caller.get(), null, ClientAddress.of(request), clock.instant());
                if (!decision.allowed()) {
                    return deny(record, response, HttpStatus.FORBIDDEN, "grant-refused", decision.refusal());
                }
            }
            return true;
        }
        if (declaration == null) {
            return deny(record, response, HttpStatus.FORBIDDEN, "undeclared", "This endpoint declares no scope, so nobody may call it.");
        }
        // docs/api.md: what a request sends is used or refused, never ignored. A body sent to an endpoint
        // that takes none ({"a":1} to revoke-all, which revoked every grant) is refused, before anything is done.
        if (hasBody(request) && !takesBody(method)) {
            return deny(record, response, HttpStatus.BAD_REQUEST, "invalid-request",
                    "This address takes no body; nothing was done. Send the request without one.");
        }
        if (ResourceAccess.PUBLIC.equals(declaration.scope())) {
            return true;
        }
        if (caller.isEmpty()) {
            BearerChallenge.tokenRequired(request, response);
            return deny(record, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "A bearer token is required.");
        }
        String approval = request.getHeader(APPROVAL_HEADER);
        if (approval != null && caller.get().kind() == Caller.Kind.HOLDER && APPROVAL_ID.matcher(approval).matches()) {
            record.applies(approval);
        }
        return allowed(request, record, response, caller.get(), method, declaration, ClientAddress.of(request));
    }

    /**
     * Spring's own answer to {@code OPTIONS} (RFC 9110 section 9.3.7): the path's methods in
     * {@code Allow}, which the public API document lists anyway. It runs no handler of ours and
     * touches no account, so it needs no scope; without this, {@code OPTIONS} was refused as an
     * undeclared endpoint and Allow listed every method the servlet knows.
     */
    private static boolean springsOptionsAnswer(HttpServletRequest request, HandlerMethod method) {
        return "OPTIONS".equals(request.getMethod()) && method.getBeanType().getEnclosingClass() == RequestMappingInfoHandlerMapping.class;
    }

    private boolean allowed(HttpServletRequest request, RequestRecord record, HttpServletResponse response, Caller caller,
                            HandlerMethod method, ResourceAccess declaration, String address) throws IOException {
        // DESIGN.md section 6: what a client does for itself (its Shared Signals stream) takes its own
        // client-credentials token and nothing else: no member's, app's or delegate's token.
        if (ResourceAccess.CLIENT_ITSELF.equals(declaration.scope())) {
            return caller.kind() == Caller.Kind.CLIENT || deny(record, response, HttpStatus.FORBIDDEN, "client-only",
                    "Only the client itself may do this, with a token it got for itself by client credentials.");
        }
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
            return deny(record, response, HttpStatus.FORBIDDEN, "not-delegable", notDelegable(scope));
        }
        if (scope != null && !caller.hasScope(scope)) {
            BearerChallenge.insufficientScope(request, response, scope);
            // In the catalog's words, as notDelegable says it: people never read a scope's name (docs/api.md; black-box
            // finding 7). The WWW-Authenticate challenge names the scope itself, for the client (RFC 6750 section 3.1).
            return deny(record, response, HttpStatus.FORBIDDEN, "insufficient-scope", "The token does not include " + Scope.quoted(scope) + ".");
        }
        if (delegate) {
            GrantPolicy.Decision decision = grants.check(caller, scope, address, clock.instant());
            if (!decision.allowed()) {
                return deny(record, response, HttpStatus.FORBIDDEN, "grant-refused", decision.refusal());
            }
            if (decision.underReview() && !READS.contains(request.getMethod())) {
                if (declaration.carriesCredentials()) {
                    // Staging would store the credentials in the approval and the activity log for good.
                    return deny(record, response, HttpStatus.FORBIDDEN, "review-impossible", "This change carries credentials, "
                            + "which are never stored, so it cannot wait for review: the account holder can make it themself.");
                }
                return stage(request, record, response, caller, scope, method, declaration);
            }
        }
        return true;
    }

    /**
     * Why a helper acting for the account holder may not do this, in the catalog's words (docs/api.md:
     * people never read a scope's name; black-box finding: "data:export is never delegated", and
     * "delegation:act is never delegated" of a helper's own answer to an offer, which is not so).
     */
    static String notDelegable(String scope) {
        Optional<Scope> known = scope == null ? Optional.empty() : Scope.of(scope);
        if (known.filter(s -> s == Scope.DELEGATION_ACT).isPresent()) {
            return "This is done signed in as yourself, not while acting for the account holder.";
        }
        if (known.filter(s -> !s.delegable()).isPresent()) {
            return "Helpers may never do this for the account holder (" + Scope.quoted(scope) + "): only they may.";
        }
        return "A helper may not do this while acting for the account holder.";
    }

    /**
     * A change under a scope the holder marked for review is held, not done (DESIGN.md section 6,
     * approvals): stored exactly as sent, answered {@code 202}, and recorded as
     * {@code approval.request} with what it would do.
     */
    private boolean stage(HttpServletRequest request, RequestRecord record, HttpServletResponse response, Caller caller,
                          String scope, HandlerMethod method, ResourceAccess declaration) throws IOException {
        // Refused now as the endpoint would refuse it (a JSON body: JsonBodiesOnly), not shown to the
        // holder as ready and refused only once approved (black-box testing, 2026-12-06).
        MediaType sent = contentType(request);
        if (takesJson(method) && (sent == null || JSON.stream().noneMatch(type -> type.includes(sent)))) {
            response.setHeader(HttpHeaders.ACCEPT, "application/json, application/*+json");
            return deny(record, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    BadInputAdvice.notTaken(request.getContentType(), "application/json or application/*+json"));
        }
        byte[] body = request.getInputStream().readNBytes(ApprovalService.MAX_BODY + 1);
        if (body.length > ApprovalService.MAX_BODY) {
            return deny(record, response, HttpStatus.PAYLOAD_TOO_LARGE, "too-large",
                    "A change held for review may carry at most " + ApprovalService.MAX_BODY / 1024 + " KiB.");
        }
        String text = StrictUtf8.decode(body).orElse(null);
        if (text == null) {
            return deny(record, response, HttpStatus.BAD_REQUEST, "invalid-request", "The body is not UTF-8 text.");
        }
        readAsTheEndpointWould(request, method, text);
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Approval staged = approvals.stage(caller, scope, new HeldChangeRules.Change(caller.subject(), declaration.action(),
                request.getMethod(), (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE), path,
                request.getContentType(), text));
        record.staged(staged.id());
        ActivityNotes notes = RequestState.of(requests).notes().target("approval", staged.id())
                .change("action", null, declaration.action()).change("request", null, request.getMethod() + " " + path);
        // Per field, the value now and the value proposed, where the owning module can tell; else the body as sent.
        List<FieldState> fields = approvals.fields(staged, false);
        if (fields.isEmpty()) {
            notes.change("body", null, text.length() > RECORDED_BODY ? TextField.cut(text, RECORDED_BODY) + "…" : text);
        }
        fields.forEach(field -> notes.change(field.field(), field.before(), field.after()));
        response.setStatus(HttpStatus.ACCEPTED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("id", staged.id());
        answer.put("status", staged.status());
        answer.put("action", staged.action());
        answer.put("detail", "Held for the account holder's review; it is done only if they approve it.");
        json.writeValue(response.getOutputStream(), answer);
        return false;
    }

    /**
     * api.md: a change held for review is checked as its endpoint checks it before it is held. Its
     * body is read into the endpoint's body type by the mapper Spring's converter uses, so that what
     * the endpoint would refuse as unreadable (broken JSON, an unknown field, a wrong type, text that
     * is not Unicode) is refused now, in the same words ({@link BadInputAdvice}), rather than held as
     * ready and refused only once approved; text that is not Unicode failed the request with a 500
     * (black-box finding). Rules that read stored data stay the endpoint's, applied on approval.
     */
    private void readAsTheEndpointWould(HttpServletRequest request, HandlerMethod method, String text) {
        if (!takesJson(method)) {
            return;
        }
        MethodParameter body = Arrays.stream(method.getMethodParameters()).filter(p -> p.hasParameterAnnotation(RequestBody.class))
                .findFirst().orElseThrow();
        if (text.isBlank() && !body.getParameterAnnotation(RequestBody.class).required()) {
            return;
        }
        try {
            json.readValue(text, json.constructType(body.getGenericParameterType()));
        } catch (JacksonException unreadable) {
            throw new HttpMessageNotReadableException("The held body does not read as its endpoint's", unreadable,
                    new ServletServerHttpRequest(request));
        }
    }

    /** A JSON body read into an object: an endpoint that names other body types says so ({@code consumes}), checked by Spring before this. */
    private static boolean takesJson(HandlerMethod method) {
        return !namesItsTypes(method) && readsBody(method);
    }

    /** Whether the endpoint takes a body at all: the types it names, or a {@code @RequestBody}. */
    private static boolean takesBody(HandlerMethod method) {
        return namesItsTypes(method) || readsBody(method);
    }

    private static boolean namesItsTypes(HandlerMethod method) {
        RequestMapping mapping = method.getMethodAnnotation(RequestMapping.class);
        return mapping != null && mapping.consumes().length > 0;
    }

    private static boolean readsBody(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** The body's type, or none for a missing or unreadable {@code Content-Type}. */
    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException unreadable) {
            return null;
        }
    }

    private boolean deny(RequestRecord record, HttpServletResponse response, HttpStatus status, String type, String reason)
            throws IOException {
        record.deny(reason);
        ProblemAnswer.write(response, ProblemAnswer.of(status, type, reason), null, json);
        return false;
    }
}
