package org.behalf.delegation.api;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@link HeldChangeRules} of one action whose body reads as one type: the owning module names the action and the
 * type, and runs on the body, read as its endpoint reads it, the rule its endpoint runs first.
 *
 * @param <T> the endpoint's body type
 */
public abstract class HeldBodyRules<T> implements HeldChangeRules {

    private final String action;
    private final Class<T> type;
    private final JsonMapper json;

    protected HeldBodyRules(String action, Class<T> type, JsonMapper json) {
        this.action = action;
        this.type = type;
        this.json = json;
    }

    @Override
    public final boolean handles(String action) {
        return this.action.equals(action);
    }

    @Override
    public final void check(String action, String body) {
        check(json.readValue(body, type));
    }

    /**
     * The endpoint's rules that read nothing stored.
     *
     * @throws org.behalf.kernel.InvalidRequest the endpoint's own refusal
     */
    protected abstract void check(T body);
}
