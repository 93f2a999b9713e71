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

    /**
     * The longest target id an entry keeps. Ids the services make are under 40 characters; what is
     * longer was typed by the caller (an id that names nothing, a search), and kept whole it let a
     * delegate write entries of a megabyte into the holder's log through the MCP server, and of 8 KB
     * through the API, at no cost to their quota. Its beginning is kept, ended with "…".
     */
    public static final int MAX_TARGET_ID = 200;

    public ActivityNotes target(String type, String id) {
        this.target = new Target(type, shortened(id));
        return this;
    }

    private static String shortened(String id) {
        return id == null || id.length() <= MAX_TARGET_ID ? id : TextField.cut(id, MAX_TARGET_ID - 1) + "…";
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
