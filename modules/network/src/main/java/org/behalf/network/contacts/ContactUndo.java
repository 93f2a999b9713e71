package org.behalf.network.contacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.delegation.api.ChangeUndo;
import org.behalf.delegation.api.PlainWords;
import org.behalf.kernel.InvalidRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Undoing a helper's contact change (issue 18, "undo"): an edited contact gets its recorded values
 * back if it still holds what the edit left; a contact the helper added is removed only if it still
 * holds everything it was added with, every field, and nothing was logged with it since
 * (docs/activity-log.md, "Undoing a change").
 */
@Component
class ContactUndo implements ChangeUndo {

    private static final Map<String, String> LABELS = Map.of("name", "Name", "emails", "E-mail addresses", "phones",
            "Phone numbers", "company", "Company", "title", "Title", "notes", "Notes", "tags", "Tags");

    private final ContactRepository contacts;
    private final InteractionRepository interactions;
    private final ContactService service;
    private final JsonMapper json;

    ContactUndo(ContactRepository contacts, InteractionRepository interactions, ContactService service, JsonMapper json) {
        this.contacts = contacts;
        this.interactions = interactions;
        this.service = service;
        this.json = json;
    }

    @Override
    public boolean handles(String action) {
        return "contact.update".equals(action) || "contact.create".equals(action);
    }

    @Override
    public List<ActivityEvent.Change> undo(String account, String action, ActivityEvent.Target target,
                                           List<ActivityEvent.Change> changes) {
        if (target == null || !"contact".equals(target.type())) {
            throw new InvalidRequest("entryId", "This entry names no contact to put back.");
        }
        // Locked and read as committed: compared with the newest values, not the transaction's first snapshot.
        Contact contact = contacts.lock(account, target.id()).orElseThrow(() -> InvalidRequest.conflict(
                "This contact was removed since, so there is nothing to put back."));
        Map<String, Object> now = contact.fields();
        List<String> moved = new ArrayList<>();
        for (ActivityEvent.Change change : changes) {
            if (now.containsKey(change.field()) && !same(now.get(change.field()), change.after())) {
                moved.add(LABELS.get(change.field()));
            }
        }
        if (!moved.isEmpty()) {
            throw InvalidRequest.conflict(PlainWords.changedAgain(moved));
        }
        if ("contact.create".equals(action)) {
            return remove(account, contact, changes);
        }
        Map<String, Object> restore = new LinkedHashMap<>(now);
        List<ActivityEvent.Change> done = new ArrayList<>();
        for (ActivityEvent.Change change : changes) {
            if (now.containsKey(change.field())) {
                Object back = change.before() == null ? (now.get(change.field()) instanceof String ? "" : List.of()) : change.before();
                restore.put(change.field(), back);
                done.add(new ActivityEvent.Change(change.field(), now.get(change.field()), back));
            }
        }
        if (done.isEmpty()) {
            throw new InvalidRequest("entryId", "This entry changed nothing that can be put back.");
        }
        // Every field from the locked row, the restored ones replaced: the service's own read may be the older snapshot.
        service.change(account, contact.id(), json.convertValue(restore, Contact.Draft.class));
        return done;
    }

    /**
     * Removes an added contact that still holds what it was added with. An entry written before
     * additions recorded every field holds the name alone: what else the contact was added with is
     * unknown, so whether it changed since cannot be told, and it is not removed.
     */
    private List<ActivityEvent.Change> remove(String account, Contact contact, List<ActivityEvent.Change> changes) {
        if (!changes.stream().map(ActivityEvent.Change::field).toList().containsAll(contact.fields().keySet())) {
            throw InvalidRequest.conflict("This entry does not say everything the contact was added with, so undoing cannot tell "
                    + "whether it was changed since. Nothing was changed; you can remove the contact on the Contacts page.");
        }
        if (interactions.lockCount(account, contact.id()) > 0) {
            throw InvalidRequest.conflict("Calls, e-mails or meetings were logged with this contact since it was added, so "
                    + "removing it would throw them away. Nothing was changed.");
        }
        service.delete(account, contact.id());
        return List.of(new ActivityEvent.Change("contact", contact.name(), null));
    }

    /** Equal as JSON, an absent text or list counting as an empty one (a column stored before it had a default). */
    private boolean same(Object a, Object b) {
        return Objects.equals(json.valueToTree(empty(a)), json.valueToTree(empty(b)));
    }

    private static Object empty(Object value) {
        return value == null || "".equals(value) || (value instanceof List<?> list && list.isEmpty()) ? null : value;
    }
}
