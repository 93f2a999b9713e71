package org.behalf.network.contacts;

import org.behalf.delegation.api.HeldBodyRules;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delegate's held contact, added or edited, checked by the rules {@link ContactService} applies ({@link ContactRules})
 * before it is held: a contact without a name and an edit that sets nothing were held as ready and failed once approved
 * (black-box finding, 2026-12-07). Whether the edited contact exists is the endpoint's, applied on approval.
 */
@Component
class ContactDraftHeldRules extends HeldBodyRules<Contact.Draft> {

    ContactDraftHeldRules(JsonMapper json) {
        super(Contact.Draft.class, json, "contact.create", "contact.update");
    }

    @Override
    protected void check(Contact.Draft draft, Change change) {
        ContactRules.check(draft, "contact.update".equals(change.action()));
    }
}
