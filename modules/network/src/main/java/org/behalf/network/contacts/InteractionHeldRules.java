package org.behalf.network.contacts;

import java.time.Clock;
import java.time.LocalDate;

import org.behalf.delegation.api.HeldBodyRules;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delegate's held interaction checked by the rule {@link ContactService#log} applies ({@link ContactRules#interaction})
 * before it is held: one without its kind, date or summary was held as ready and failed once approved (black-box
 * finding, 2026-12-07). Whether the contact exists is the endpoint's, applied on approval.
 */
@Component
class InteractionHeldRules extends HeldBodyRules<Contact.LoggedInteraction> {

    private final Clock clock;

    InteractionHeldRules(JsonMapper json, Clock clock) {
        super(Contact.LoggedInteraction.class, json, "contact.log");
        this.clock = clock;
    }

    @Override
    protected void check(Contact.LoggedInteraction interaction, Change change) {
        ContactRules.interaction(interaction, LocalDate.now(clock));
    }
}
