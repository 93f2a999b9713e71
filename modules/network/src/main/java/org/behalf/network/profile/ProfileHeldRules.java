package org.behalf.network.profile;

import org.behalf.delegation.api.HeldBodyRules;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delegate's held profile edit checked by the rules {@link ProfileService} applies ({@link ProfileRules#check}),
 * before it is held: they read nothing stored, so what they refuse would be refused whatever the account holds.
 * Only {@code {}} was refused before holding; a skill listed twice, a month that is no month, a field that cannot be
 * private and a year of 1800 were held as ready and failed once approved (black-box finding, 2026-12-07).
 */
@Component
class ProfileHeldRules extends HeldBodyRules<ProfileChange> {

    ProfileHeldRules(JsonMapper json) {
        super(ProfileChange.class, json, "profile.update");
    }

    @Override
    protected void check(ProfileChange change, Change held) {
        ProfileRules.check(change);
    }
}
