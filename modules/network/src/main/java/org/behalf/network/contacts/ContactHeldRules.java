package org.behalf.network.contacts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

import org.behalf.delegation.api.HeldChangeRules;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delegate's held contact change checked as {@link ContactService} checks it, by the same rules
 * ({@link ContactRules}), before it is held: adding a contact without a name, an edit that sets
 * nothing, an interaction without its kind, date or summary (docs/api.md).
 */
@Component
class ContactHeldRules implements HeldChangeRules {

    private static final Set<String> ACTIONS = Set.of("contact.create", "contact.update", "contact.log");

    private final JsonMapper json;
    private final Clock clock;

    ContactHeldRules(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean handles(String action) {
        return ACTIONS.contains(action);
    }

    @Override
    public void check(String action, String body) {
        if ("contact.log".equals(action)) {
            ContactRules.interaction(json.readValue(body, Contact.LoggedInteraction.class), LocalDate.now(clock));
            return;
        }
        ContactRules.check(json.readValue(body, Contact.Draft.class), "contact.update".equals(action));
    }
}
