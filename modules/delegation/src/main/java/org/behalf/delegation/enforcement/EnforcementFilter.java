package org.behalf.delegation.enforcement;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.behalf.audit.api.ActivityEntry;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityEvent.Actor;
import org.behalf.audit.api.ActivityEvent.Outcome;
import org.behalf.audit.api.ActivityLog;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.RequestInfos;
import org.behalf.identity.api.ClientDirectory;
import org.behalf.kernel.BodyTooSlow;
import org.behalf.kernel.TextField;
import org.behalf.kernel.RefusedElsewhere;
import org.behalf.kernel.RequestParameters;
import org.behalf.kernel.Caller;
import org.behalf.kernel.LoggedPath;
import org.behalf.kernel.Callers;
import org.behalf.kernel.DatabaseConflicts;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.ActivityNotes;
import org.behalf.kernel.ProblemAnswer;
import org.behalf.kernel.RequestState;
import org.behalf.kernel.ResourceAccess;
import org.behalf.kernel.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs each resource API request in one database transaction with its activity entry (DESIGN.md
 * section 2 rule 6; SECURITY-CASES 31): a successful request commits its effect and its entry
 * together; a refused or failed one rolls its effect back and then commits only its entry. The
 * answer is held until the commit, so that nobody is told "done" about something rolled back.
 * Held, it can still be another: a request that met a conflicting change (a deadlock, a Galera
 * certification conflict) kept nothing and is run again, clean, within a bound ({@link Conflicts}).
 */
class EnforcementFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EnforcementFilter.class);
    private static final int MAX_REASON = 300;

    private final PlatformTransactionManager transactions;
    private final ActivityRecorder activity;
    private final ActivityLog entries;
    private final JsonMapper json;
    private final Callers callers;
    private final ClientDirectory clients;
    private final MeterRegistry meters;
    private final Conflicts conflicts;
    private final Conflicts recordConflicts;
    private final ObjectProvider<RequestState> requests;
    private final ObjectProvider<RequestMappingHandlerMapping> handlers;

    EnforcementFilter(PlatformTransactionManager transactions, ActivityRecorder activity, ActivityLog entries, JsonMapper json,
                      Callers callers, ClientDirectory clients, MeterRegistry meters, ObjectProvider<RequestState> requests,
                      ObjectProvider<RequestMappingHandlerMapping> handlers) {
        this.requests = requests;
        this.handlers = handlers;
        this.callers = callers;
        this.clients = clients;
        this.meters = meters;
        this.conflicts = Conflicts.ofRequests(meters);
        this.recordConflicts = Conflicts.ofRecords(meters);
        this.transactions = transactions;
        this.activity = activity;
        this.entries = entries;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Its id (state.id()) is the server's, named as it arrived: answered, logged and recorded (RequestIds).
        RequestState state = RequestState.of(requests);
        RequestRecord record = RequestRecord.start(request);

        Optional<ProblemDetail> refusedElsewhere = RefusedElsewhere.of(request);
        if (refusedElsewhere.isPresent()) {
            // DESIGN.md section 2 rule 6: a delegate's message the MCP server refused before any API
            // request (a batch, a broken character, the wrong headers) is one entry as the same bad
            // input sent to the API is; it was none (black-box finding, 2026-12-07, agents 2). A 403 is a
            // rule's refusal, not bad input (a request from a web page of another site): denied, as the API's own 403s.
            ProblemDetail refusal = refusedElsewhere.get();
            if (refusal.getStatus() == HttpStatus.FORBIDDEN.value()) {
                refuseBeforeTransaction(request, record, new ContentCachingResponseWrapper(response), refusal, Outcome.DENIED);
            } else {
                badInput(request, record, new ContentCachingResponseWrapper(response), refusal);
            }
            return;
        }
        Optional<IllegalStateException> unread = RequestParameters.failure(request);
        if (unread.isPresent()) {
            // SECURITY-CASES 24: Tomcat decodes the query string (and a form body) on the first read
            // of a parameter, and throws there, which an endpoint met half-way as a 500-like failure.
            badInput(request, record, new ContentCachingResponseWrapper(response),
                    ProblemAnswer.of(HttpStatus.BAD_REQUEST, "invalid-request", RequestParameters.refusal(unread.get())));
            return;
        }
        String repeated = request.getParameterMap().entrySet().stream().filter(p -> p.getValue().length > 1)
                .map(java.util.Map.Entry::getKey).sorted().findFirst().orElse(null);
        if (repeated != null) {
            // SECURITY-CASES 24: no endpoint here takes a parameter twice; one of the values was used
            // (limit=5&limit=7 gave 5 or 7 by their order) or both joined (q=a&q=b), never said.
            // Named in "field", as every other 400 names what it refuses (black-box testing, 2026-12-07).
            badInput(request, record, new ContentCachingResponseWrapper(response),
                    new InvalidRequest(repeated, "This parameter is given more than once; give it once.").getBody());
            return;
        }
        // docs/security.md rule 36: the body is read before the transaction (and so the grant's
        // lock) is taken, so nothing the caller sends slowly holds either.
        HttpServletRequest read;
        try {
            read = ReadBody.of(request);
        } catch (BodyTooSlow late) {
            // docs/security.md rules 36 and 41: a body that has not come whole in the node's time gives
            // its place back, refused and recorded as bad input on its endpoint, as the ones below.
            badInput(request, record, new ContentCachingResponseWrapper(response),
                    ProblemAnswer.of(HttpStatus.REQUEST_TIMEOUT, "request-timeout", BodyTooSlow.WORDS));
            return;
        }
        if (state.controlInUserAgent()) {
            // docs/security.md rule 40: a header that cannot be recorded as sent is refused, and the refusal recorded.
            badInput(request, record, new ContentCachingResponseWrapper(response), ProblemAnswer.of(HttpStatus.BAD_REQUEST,
                    "invalid-request", "The User-Agent header has control characters, which are never stored."));
            return;
        }
        if (patternAsContentType(request)) {
            // Spring cannot take a body whose Content-Type is a pattern (*/*, application/*): it threw, and answered 500.
            badInput(request, record, new ContentCachingResponseWrapper(response), ProblemAnswer.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type", "The Content-Type must name one type, such as application/json, not a pattern."));
            return;
        }
        if (!ReadBody.jsonIsUtf8(read)) {
            badInput(request, record, new ContentCachingResponseWrapper(response),
                    ProblemAnswer.of(HttpStatus.BAD_REQUEST, "invalid-request", "The body is not UTF-8 text."));
            return;
        }
        Rerun rerun = new Rerun(request, response);
        for (int attempt = 1; ; attempt++) {
            ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
            if (attempt(request, read, buffered, chain, record, rerun, attempt)) {
                if (log.isDebugEnabled()) {
                    // The route, not the path: a token a client put in the path is never logged (docs/security.md rule 28).
                    log.debug("{} {} answered {}", request.getMethod(), LoggedPath.of(request), buffered.getStatus());
                }
                buffered.copyBodyToResponse();
                return;
            }
            // A conflicting change rolled the whole attempt back, and nothing of it was answered:
            // run it again, clean (Conflicts; counted and paused for in mayRerun).
            log.debug("Request {} met a conflicting change; running it again (attempt {} of {})", state.id(), attempt + 1,
                    Conflicts.MAX_ATTEMPTS);
            read = rerun.reset(read);
            record = RequestRecord.start(request);
            state.restart();
        }
    }

    /**
     * One run of the request in its transaction. True when it is answered (in {@code buffered});
     * false when it met a conflicting change, kept nothing, and is to be run again.
     */
    private boolean attempt(HttpServletRequest request, HttpServletRequest read, ContentCachingResponseWrapper buffered,
                            FilterChain chain, RequestRecord record, Rerun rerun, int attempt) throws ServletException, IOException {
        TransactionStatus transaction = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            chain.doFilter(read, buffered);
        } catch (IOException | ServletException | RuntimeException e) {
            rollback(transaction);
            if (DatabaseConflicts.isConflict(e) && mayRerun(record, rerun, attempt)) {
                return false;
            }
            recordApart(request, record, Outcome.ERROR, "The request failed.");
            throw e;
        }
        if (record.caller() == null) {
            // No handler ran (an unknown path, a method the path does not take): the request is
            // still the caller's, and recorded as theirs (DESIGN.md section 2 rule 6).
            callers.current().ifPresent(record::caller);
        }
        int status = buffered.getStatus();
        if (status < 400) {
            ActivityEntry written = null;
            boolean committing = false;
            try {
                Optional<String> account = record.recorded() ? account(record.caller()) : Optional.empty();
                if (account.isPresent()) {
                    written = activity.record(event(request, record, account.get(), Outcome.SUCCESS, null));
                }
                committing = true;
                transactions.commit(transaction);
                countDelegated(record, "allowed");
            } catch (RuntimeException e) {
                rollback(transaction);
                Boolean committed = committing ? committed(written) : Boolean.FALSE;
                // A deadlock or certification conflict rolls the whole transaction back (MariaDB error 1213).
                if (DatabaseConflicts.isConflict(e) && !Boolean.TRUE.equals(committed) && mayRerun(record, rerun, attempt)) {
                    return false;
                }
                log.warn("Request {} could not commit: {}", requests.getObject().id(), e.getClass().getSimpleName());
                if (!Boolean.TRUE.equals(committed)) {
                    // Not done (or not known to be): say so rather than pass on a success answer.
                    buffered.resetBuffer();
                    HttpHeaders headers = new HttpHeaders();
                    if (committed != null) {
                        headers.set("Retry-After", Long.toString(Unavailable.DATABASE_RETRY_AFTER.toSeconds()));
                    }
                    ProblemAnswer.write(buffered, ProblemAnswer.of(HttpStatus.SERVICE_UNAVAILABLE, "not-committed",
                            committed == null ? "The outcome is unknown: check before trying again." : "Nothing was changed; try again."),
                            headers, json);
                    if (committed != null) {
                        recordApart(request, record, Outcome.ERROR, "The change could not be committed.");
                    }
                }
            }
        } else {
            rollback(transaction);
            if (record.hasCollided() && mayRerun(record, rerun, attempt)) {
                return false;
            }
            if (status == 404) {
                record.notFound();
            }
            record.refused();
            Outcome outcome = record.denial() != null || status == 401 || status == 403 || status == 404
                    ? Outcome.DENIED : Outcome.ERROR;
            recordApart(request, record, outcome, reason(record, buffered));
            countDelegated(record, outcome == Outcome.DENIED ? "denied" : "failed");
        }
        return true;
    }

    /**
     * After a conflict: whether the request may be run again (Conflicts, which pauses before it); if
     * not, it is answered 503 as it failed.
     */
    private boolean mayRerun(RequestRecord record, Rerun rerun, int attempt) {
        if (!record.reRunnable() || !rerun.possible()) {
            conflicts.count("not_rerunnable");
            return false;
        }
        if (!conflicts.runAgain(attempt)) {
            log.warn("A request met a conflicting change {} times; answered 503", attempt);
            return false;
        }
        return true;
    }

    /**
     * {@code behalf_delegated_requests_total{scope, outcome}}: a delegate's requests by the scope
     * their endpoint declares (a closed set: the declarations), allowed, denied or failed.
     */
    private void countDelegated(RequestRecord record, String outcome) {
        if (record.caller() == null || record.caller().kind() != Caller.Kind.DELEGATE) {
            return;
        }
        String scope = record.declaration() == null ? "none" : record.declaration().scope();
        Counter.builder("behalf.delegated.requests").tag("scope", scope).tag("outcome", outcome)
                .description("Requests made with a delegation token, by the scope their endpoint declares").register(meters)
                .increment();
    }

    private void refuseBeforeTransaction(HttpServletRequest request, RequestRecord record, ContentCachingResponseWrapper buffered,
                                         ProblemDetail problem, Outcome outcome) throws IOException {
        String reason = problem.getDetail();
        callers.current().ifPresent(record::caller);
        record.deny(reason);
        ProblemAnswer.write(buffered, problem, null, json);
        recordApart(request, record, outcome, reason);
        buffered.copyBodyToResponse();
    }

    /**
     * An address whose parameters cannot be read as one value each (a broken %-escape, a parameter given twice), or
     * a body or header that cannot be taken (not UTF-8, a pattern as its Content-Type, too slow, a User-Agent with
     * control characters; black-box findings 6 and 15, 2026-12-07): bad input on the endpoint it was sent to, recorded
     * under that endpoint's action with the outcome {@code error} (docs/activity-log.md, "An entry"), as the endpoint's own refusal of a bad value is. It was recorded as
     * {@code api.request}, refused by a rule, so a holder filtering by the action or by errors missed it (black-box
     * finding, 2026-12-07).
     */
    private void badInput(HttpServletRequest request, RequestRecord record, ContentCachingResponseWrapper buffered,
                          ProblemDetail problem) throws IOException {
        declared(request).ifPresent(method -> record.declaration(method.getMethodAnnotation(ResourceAccess.class),
                method.getBeanType().getSimpleName() + "." + method.getMethod().getName()));
        refuseBeforeTransaction(request, record, buffered, problem, Outcome.ERROR);
    }

    /** The declared handler the request is addressed to, if Spring MVC finds one; looked up without running it. */
    private Optional<HandlerMethod> declared(HttpServletRequest request) {
        try {
            ServletRequestPathUtils.parseAndCache(request);
            for (RequestMappingHandlerMapping mapping : handlers.orderedStream().toList()) {
                HandlerExecutionChain chain = mapping.getHandler(request);
                if (chain != null && chain.getHandler() instanceof HandlerMethod method && method.hasMethodAnnotation(ResourceAccess.class)) {
                    return Optional.of(method);
                }
            }
            return Optional.empty();
        } catch (Exception unmatched) {
            // No endpoint takes it (or its parameters cannot be read to tell which): recorded as api.request.
            return Optional.empty();
        } finally {
            ServletRequestPathUtils.clearParsedRequestPath(request);
        }
    }

    /** Whether the request's Content-Type is a pattern (RFC 9110 section 8.3: it names the body's one type). */
    private static boolean patternAsContentType(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            MediaType parsed = MediaType.parseMediaType(type);
            return parsed.isWildcardType() || parsed.isWildcardSubtype();
        } catch (InvalidMediaTypeException unreadable) {
            // Spring answers those 415 itself.
            return false;
        }
    }

    /**
     * After a commit that failed on the wire (the connection dropped while committing), whether it
     * happened after all: the request's own entry is there or not. Null when that cannot be told
     * (the request had no entry, or the database still does not answer).
     */
    private Boolean committed(ActivityEntry written) {
        if (written == null) {
            return null;
        }
        try {
            return entries.contains(written.account(), written.seq(), written.id());
        } catch (RuntimeException stillDown) {
            return null;
        }
    }

    /**
     * An entry for a request whose own transaction rolled back: alone, in a fresh transaction, run
     * again after a deadlock or certification conflict as the request itself is ({@link
     * Conflicts#ofRecords}): refusals of one holder on two Galera nodes both append to the holder's
     * chain, and the loser's entry was dropped (docs/security.md rule 31; black-box finding, 2026-12-07).
     */
    private void recordApart(HttpServletRequest request, RequestRecord record, Outcome outcome, String reason) {
        if (!record.recorded()) {
            return;
        }
        try {
            TransactionTemplate apart = new TransactionTemplate(transactions);
            recordConflicts.run(() -> apart.execute(status -> account(record.caller())
                    .map(account -> activity.record(event(request, record, account, outcome, reason)))));
        } catch (RuntimeException databaseDown) {
            // The database is away (or the conflicts outlasted the bound): nothing of the request was
            // kept either, and the answer already says it failed.
            log.warn("The refusal or failure of a request could not be recorded: {}", databaseDown.getClass().getSimpleName());
        }
    }

    /**
     * The log a request is recorded in: the account it acted on, and for a client's own token (which
     * acts on no account) its owner's, where the client has one; Behalf's own clients have none.
     */
    private Optional<String> account(Caller caller) {
        return caller.kind() == Caller.Kind.CLIENT ? clients.owner(caller.clientId()) : Optional.of(caller.subject());
    }

    private ActivityEvent event(HttpServletRequest request, RequestRecord record, String account, Outcome outcome, String reason) {
        Caller caller = record.caller();
        Actor actor = switch (caller.kind()) {
            case DELEGATE -> new Actor(Actor.Kind.DELEGATE, caller.actor());
            case HOLDER -> new Actor(Actor.Kind.HOLDER, caller.subject());
            default -> new Actor(Actor.Kind.APP, caller.clientId());
        };
        if (reason == null && record.appliedApproval() != null) {
            reason = "Applies approval " + record.appliedApproval() + ".";
        }
        RequestState state = RequestState.of(requests);
        ActivityNotes notes = state.notes();
        ActivityNotes.Target target = notes.target();
        return new ActivityEvent(account, actor, caller.grantId(), caller.clientId(), record.action(),
                target == null ? null : new ActivityEvent.Target(target.type(), target.id()), outcome, reason,
                outcome != Outcome.SUCCESS ? null : notes.changes().stream()
                        .map(change -> new ActivityEvent.Change(change.field(), change.before(), change.after())).toList(),
                RequestInfos.of(state));
    }

    private String reason(RequestRecord record, ContentCachingResponseWrapper buffered) {
        if (record.denial() != null) {
            return record.denial();
        }
        String reason = "HTTP " + buffered.getStatus();
        try {
            JsonNode problem = json.readTree(buffered.getContentAsByteArray());
            if (problem.hasNonNull("detail")) {
                reason = problem.get("detail").asString();
            }
        } catch (RuntimeException e) {
            // not a problem document: the status says enough
        }
        return TextField.cut(reason, MAX_REASON);
    }

    private void rollback(TransactionStatus transaction) {
        if (!transaction.isCompleted()) {
            try {
                transactions.rollback(transaction);
            } catch (RuntimeException connectionGone) {
                // The database rolls back a transaction whose connection is gone.
                log.warn("Rollback failed: {}", connectionGone.getClass().getSimpleName());
            }
        }
    }
}
