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
 * back if it still holds what the edit left; a contact the helper added is removed if it still has
 * the name it was added with.
 */
@Component
class ContactUndo implements ChangeUndo {

    private static final Map<String, String> LABELS = Map.of("name", "Name", "emails", "E-mail addresses", "phones",
            "Phone numbers", "company", "Company", "title", "Title", "notes", "Notes", "tags", "Tags");

    private final ContactRepository contacts;
    private final ContactService service;
    private final JsonMapper json;

    ContactUndo(ContactRepository contacts, ContactService service, JsonMapper json) {
        this.contacts = contacts;
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
        Contact contact = contacts.find(account, target.id()).orElseThrow(() -> InvalidRequest.conflict(
                "This contact was removed since, so there is nothing to put back."));
        Map<String, Object> now = values(contact);
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
            service.delete(account, contact.id());
            return List.of(new ActivityEvent.Change("contact", contact.name(), null));
        }
        Map<String, Object> restore = new LinkedHashMap<>();
        List<ActivityEvent.Change> done = new ArrayList<>();
        for (ActivityEvent.Change change : changes) {
            if (now.containsKey(change.field())) {
                Object back = change.before() == null ? (now.get(change.field()) instanceof String ? "" : List.of()) : change.before();
                restore.put(change.field(), back);
                done.add(new ActivityEvent.Change(change.field(), now.get(change.field()), back));
            }
        }
        if (restore.isEmpty()) {
            throw new InvalidRequest("entryId", "This entry changed nothing that can be put back.");
        }
        service.change(account, contact.id(), json.convertValue(restore, Contact.Draft.class));
        return done;
    }

    private static Map<String, Object> values(Contact contact) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", contact.name());
        values.put("emails", contact.emails());
        values.put("phones", contact.phones());
        values.put("company", contact.company());
        values.put("title", contact.title());
        values.put("notes", contact.notes());
        values.put("tags", contact.tags());
        return values;
    }

    private boolean same(Object a, Object b) {
        return Objects.equals(json.valueToTree(a), json.valueToTree(b));
    }
}
