package org.behalf.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * What the current API request did, noted by the service that did it (the target and field-level
 * changes), and written to the activity log by the enforcement filter in the request's own
 * transaction. Part of the {@link RequestState}; outside a request, notes go nowhere.
 */
public final class ActivityNotes {

    private Target target;
    private final List<Change> changes = new ArrayList<>();

    /** What the request acted on, such as {@code ("profile", memberId)}. */
    public record Target(String type, String id) {
    }

    /** A field-level change; before and after are JSON values (String, Number, Boolean, List, Map or null). */
    public record Change(String field, Object before, Object after) {
    }

    public ActivityNotes target(String type, String id) {
        this.target = new Target(type, id);
        return this;
    }

    public ActivityNotes change(String field, Object before, Object after) {
        changes.add(new Change(field, before, after));
        return this;
    }

    public Target target() {
        return target;
    }

    public List<Change> changes() {
        return List.copyOf(changes);
    }
}
