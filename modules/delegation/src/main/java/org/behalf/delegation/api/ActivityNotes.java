package org.behalf.delegation.api;

import java.util.ArrayList;
import java.util.List;

import org.behalf.audit.api.ActivityEvent;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the current API request did, noted by the service that did it (the target and field-level
 * changes), and written to the activity log by the enforcement filter in the request's own
 * transaction. Outside a request, notes go nowhere.
 */
public final class ActivityNotes {

    static final String ATTRIBUTE = ActivityNotes.class.getName();

    private ActivityEvent.Target target;
    private final List<ActivityEvent.Change> changes = new ArrayList<>();

    /** The notes of the request being served, or a detached instance outside a request. */
    public static ActivityNotes current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return new ActivityNotes();
        }
        Object notes = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (notes instanceof ActivityNotes existing) {
            return existing;
        }
        ActivityNotes created = new ActivityNotes();
        attributes.setAttribute(ATTRIBUTE, created, RequestAttributes.SCOPE_REQUEST);
        return created;
    }

    public ActivityNotes target(String type, String id) {
        this.target = new ActivityEvent.Target(type, id);
        return this;
    }

    public ActivityNotes change(String field, Object before, Object after) {
        changes.add(new ActivityEvent.Change(field, before, after));
        return this;
    }

    public ActivityEvent.Target target() {
        return target;
    }

    public List<ActivityEvent.Change> changes() {
        return List.copyOf(changes);
    }
}
