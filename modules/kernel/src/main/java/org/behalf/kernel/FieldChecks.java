package org.behalf.kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;

/**
 * A form's checks run to the end, then refused once with every field's problem (RFC 9457 extension
 * member {@code errors}, {@link ProblemAnswer#of(HttpStatus, String, String, List)}). One refusal per
 * answer made a person who got three fields wrong send the form three times to learn them.
 *
 * <p>The checks are the existing ones, each of which refuses with an {@link InvalidRequest} naming
 * its field: they are not written again here, only kept going past a refusal. A field's later checks
 * are skipped once it has a problem ("Required." then "Not an e-mail address" would say one thing
 * twice, and a later check may need what the earlier one gave back). The problems keep the order the
 * checks found them, so the first, in {@code field} and {@code detail}, is the one a single refusal
 * named before. Only bad input (400) is gathered: any other refusal (409, 429, 403) is thrown at once,
 * as it was, and nothing that reveals a stored fact (a taken handle, docs/security.md rule 27) belongs
 * among these checks, which run before any is looked up.
 */
public final class FieldChecks {

    private final List<ProblemAnswer.FieldProblem> problems = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    /** Runs a check of {@code field} that gives back a value (the field tidied): the value, or null when this or an earlier check of it failed. */
    public <T> T value(String field, Supplier<T> check) {
        if (failed.contains(field)) {
            return null;
        }
        try {
            return check.get();
        } catch (InvalidRequest refused) {
            keep(field, refused);
            return null;
        }
    }

    /** Runs a check of {@code field} unless an earlier check of it failed. */
    public void check(String field, Runnable check) {
        value(field, () -> {
            check.run();
            return null;
        });
    }

    /** Refuses with every problem found (400, the first in {@code field} and {@code detail}); returns when there was none. */
    public void refuseIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
    }

    private void keep(String field, InvalidRequest refused) {
        if (refused.getStatusCode().value() != HttpStatus.BAD_REQUEST.value()) {
            throw refused;
        }
        failed.add(field);
        Object named = refused.getBody().getProperties() == null ? null : refused.getBody().getProperties().get("field");
        problems.add(new ProblemAnswer.FieldProblem(named instanceof String name && !name.isEmpty() ? name : field, refused.getBody().getDetail()));
    }
}
