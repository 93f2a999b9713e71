package org.behalf.console.calls;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A console form acts for the account it was drawn for. Every form carries that account beside its
 * CSRF token ({@link #FIELD}, written by the session's form fields), and a change a form sends is
 * refused, before the API is asked anything, when the token it would go with acts on another
 * account: the page was drawn for the member's own account and another tab has since pressed
 * "Work as Hana", or the reverse after "Stop acting". A helper's own profile form once saved into
 * Hana's profile that way, unseen (DESIGN.md section 5: a helper acts for a holder only deliberately;
 * black-box testing, 2026-12-07). Reads are never refused, so the form can be drawn again with what
 * was typed, for the account the tab now works for.
 */
public final class FormAccount {

    /** The hidden field naming the account (member id) a form was drawn for. */
    public static final String FIELD = "_account";

    /** The hidden field with that account's holder's name while acting, "" for the member's own: for the words only. */
    public static final String NAME_FIELD = "_account_name";

    private FormAccount() {
    }

    /**
     * Whether a change sent with this token goes to the account the form was drawn for. A request that
     * is no form (or a form drawn before forms carried their account) has nothing to compare.
     */
    public static boolean drawnFor(HttpServletRequest browser, Bearer token) {
        String drawnFor = browser.getParameter(FIELD);
        return !"POST".equals(browser.getMethod()) || drawnFor == null || token == null || token.account() == null
                || drawnFor.equals(token.account());
    }

    /** A refusal in plain words, whose page it was and whom the tab works for now, when the form was drawn for another account. */
    static void check(HttpServletRequest browser, Bearer token) {
        if (drawnFor(browser, token)) {
            return;
        }
        String page = browser.getParameter(NAME_FIELD);
        String was = page == null || page.isBlank() ? "your own account" : page.strip() + "'s account";
        String now = token.holderName().isBlank() ? "on your own account" : "as " + token.holderName();
        throw new Refusal(409, "This page was for " + was + ", but this tab now works " + now
                + " (changed in another tab), so nothing was done. Send it again only if it is meant for "
                + (token.holderName().isBlank() ? "your own account" : token.holderName()) + ".");
    }
}
