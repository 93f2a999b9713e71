package org.behalf.delegation.api;

import java.util.List;

/**
 * What a held change would do, field by field, told by the module that owns the data: staging
 * (DESIGN.md section 6, approvals) keeps the request as sent, and with it, per field the request
 * sets, the value at staging time and the value proposed, so that the holder reads a plain
 * before/after and an approval can tell when a field was changed since (issue 18 item 1).
 */
public interface ChangePreview {

    /**
     * A field a request sets.
     *
     * @param label    the field in plain words ("Headline"), for people
     * @param current  its value in the account now (a JSON value)
     * @param proposed the value the request sets (a JSON value)
     */
    record Field(String field, String label, Object current, Object proposed) {
    }

    /** Whether requests of this activity action are ones this can read. */
    boolean handles(String action);

    /**
     * The fields this request body sets, in the order they are shown, with their values in the
     * account now; empty when the body sets nothing this can read (it is then shown as sent).
     */
    List<Field> preview(String account, String body);
}
