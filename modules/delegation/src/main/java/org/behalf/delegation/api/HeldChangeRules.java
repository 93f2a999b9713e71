package org.behalf.delegation.api;

/**
 * The rules of an endpoint that depend on nothing stored, applied by the module that owns it to a
 * delegate's change before it is held for review (docs/api.md): a body the endpoint refuses whatever
 * the account holds ({} or a contact without a name) is refused now, in the endpoint's words, instead
 * of waiting in the holder's list to fail once approved (black-box finding, 2026-12-07). Rules that
 * read stored data stay the endpoint's, applied on approval.
 */
public interface HeldChangeRules {

    /**
     * The refusal of a change that sets nothing ({@code {}}), held or not: there is nothing for the holder to
     * review, and nothing to do; done, it answered the whole record to a caller that may not read it
     * (black-box finding, 2026-12-07).
     */
    String SETS_NOTHING = "This change sets nothing: name at least one field and its new value.";

    /** Whether requests of this activity action are ones this checks. */
    boolean handles(String action);

    /**
     * Checks the body as sent, already read as the endpoint's body type reads it.
     *
     * @throws org.behalf.kernel.InvalidRequest the endpoint's own refusal
     */
    void check(String action, String body);
}
