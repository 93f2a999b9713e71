package org.behalf.network.contacts;

import org.behalf.network.export.ExportSection;
import org.springframework.stereotype.Component;

/** The contacts section of the bulk export: every contact with its communication log. */
@Component
class ContactsExportSection implements ExportSection {

    private final ContactService contacts;

    ContactsExportSection(ContactService contacts) {
        this.contacts = contacts;
    }

    @Override
    public String name() {
        return "contacts";
    }

    @Override
    public Object of(String owner) {
        return contacts.export(owner);
    }
}
