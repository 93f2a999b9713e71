package org.behalf.delegation.api;

import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@link HeldChangeRules} of an action whose body reads as one type: the owning module names the action and the
 * type, and runs on the body, read as its endpoint reads it, the rules its endpoint runs first. One class may check
 * several actions of one body type (a contact added and a contact edited).
 *
 * @param <T> the endpoint's body type
 */
public abstract class HeldBodyRules<T> implements HeldChangeRules {

    private final Set<String> actions;
    private final Class<T> type;
    private final JsonMapper json;

    protected HeldBodyRules(Class<T> type, JsonMapper json, String... actions) {
        this.actions = Set.of(actions);
        this.type = type;
        this.json = json;
    }

    @Override
    public final boolean handles(String action) {
        return actions.contains(action);
    }

    @Override
    public final void check(Change change) {
        check(json.readValue(change.body(), type), change);
    }

    /**
     * The endpoint's rules that read nothing stored; {@code change} says which action, endpoint and account, for rules
     * that differ between them.
     *
     * @throws org.behalf.kernel.InvalidRequest the endpoint's own refusal
     */
    protected abstract void check(T body, Change change);
}
