package org.behalf.delegation.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The closed scope catalog of DESIGN.md section 4. Some scopes are never delegable to a person
 * (section 2 rule 2); the holder is shown why when granting.
 */
public enum Scope {
    PROFILE_READ("profile:read", "Read your full profile", Delegable.YES, null),
    PROFILE_WRITE("profile:write", "Edit your headline, summary, location, positions, education and skills", Delegable.YES, null),
    INVITATIONS_READ("invitations:read", "See the invitations and introduction requests you received and sent", Delegable.YES, null),
    INVITATIONS_RESPOND("invitations:respond", "Accept, decline or ignore invitations you received", Delegable.YES, null),
    INVITATIONS_SEND("invitations:send", "Send invitations and introduction requests in your name, and withdraw them", Delegable.YES, null),
    CONNECTIONS_READ("connections:read", "See the list of your connections", Delegable.SENSITIVE, null),
    MESSAGES_READ("messages:read", "Read your conversations", Delegable.SENSITIVE, null),
    MESSAGES_SEND("messages:send", "Send messages in your name", Delegable.SENSITIVE, null),
    CONTACTS_READ("contacts:read", "Read your address book and its communication log", Delegable.SENSITIVE, null),
    CONTACTS_WRITE("contacts:write", "Add, edit and import contacts, and log communications", Delegable.YES, null),
    NETWORK_SEARCH("network:search", "Search members through your network",
            Delegable.NEVER, "Searching your network reveals who you know and whom you look at; only you may do it."),
    DATA_EXPORT("data:export", "Export your connections, contacts and messages in bulk",
            Delegable.NEVER, "A bulk export copies your whole network out of Behalf in one go; only you may do it."),
    ACTIVITY_READ("activity:read", "Read and export your activity log",
            Delegable.NEVER, "The activity log is how you check on your helpers; a helper must not read or shape it."),
    DELEGATION_MANAGE("delegation:manage", "Create, change and revoke your helpers' permissions",
            Delegable.NEVER, "Helpers may never give themselves or others more access (no re-delegation)."),
    ACCOUNT_MANAGE("account:manage", "Change your password, e-mail, second factor and sessions, or close your account",
            Delegable.NEVER, "Your credentials and recovery stay yours alone."),
    CLIENTS_MANAGE("clients:manage", "Register and manage your own OAuth clients",
            Delegable.NEVER, "Apps registered in your name act for you; only you may register them."),
    DELEGATION_ACT("delegation:act", "Let an app exchange its user's token for a delegation token (a client scope)",
            Delegable.NOT_APPLICABLE, "A client scope: it is given to apps, not granted to people.");

    /**
     * The scopes that only read: no endpoint they open changes anything, so marking one "needs your
     * review" would hold nothing (only changes are held, DESIGN.md section 6). The holder was offered
     * review of "Read your full profile", which did nothing (black-box testing, 2026-12-06).
     */
    private static final java.util.Set<Scope> READ_ONLY = java.util.EnumSet.of(PROFILE_READ, INVITATIONS_READ, CONNECTIONS_READ,
            MESSAGES_READ, CONTACTS_READ, NETWORK_SEARCH, DATA_EXPORT, ACTIVITY_READ);

    /** Whether a holder may grant the scope to a person. */
    public enum Delegable { YES, SENSITIVE, NEVER, NOT_APPLICABLE }

    private final String value;
    private final String description;
    private final Delegable delegable;
    private final String whyNot;

    Scope(String value, String description, Delegable delegable, String whyNot) {
        this.value = value;
        this.description = description;
        this.delegable = delegable;
        this.whyNot = whyNot;
    }

    public String value() {
        return value;
    }

    public String description() {
        return description;
    }

    /** True when a holder may put the scope in a grant (DESIGN.md section 4, "to a person"). */
    public boolean delegable() {
        return delegable == Delegable.YES || delegable == Delegable.SENSITIVE;
    }

    /** Delegable, but shown to the holder as sensitive when granting. */
    public boolean sensitive() {
        return delegable == Delegable.SENSITIVE;
    }

    /** Whether the scope lets its holder change something, and so whether review of it means anything. */
    public boolean writes() {
        return !READ_ONLY.contains(this);
    }

    /**
     * A scope as people read it in a sentence: its description in quotes ("“Read your full profile”"),
     * or the value itself, quoted, for one not in the catalog.
     */
    public static String quoted(String value) {
        return "\u201c" + of(value).map(Scope::description).orElse(value) + "\u201d";
    }

    /**
     * The scope that reads what this one changes, if another does. Reading and changing are separate
     * scopes (DESIGN.md section 4), so a caller that may change a record without reading it gets no
     * record in the answer to its change: a helper with {@code contacts:write} alone read a whole
     * contact, its notes included, as the answer to {@code PATCH {}} (black-box finding, 2026-12-07).
     */
    public Optional<Scope> readBy() {
        return Optional.ofNullable(switch (this) {
            case PROFILE_WRITE -> PROFILE_READ;
            case INVITATIONS_RESPOND, INVITATIONS_SEND -> INVITATIONS_READ;
            case MESSAGES_SEND -> MESSAGES_READ;
            case CONTACTS_WRITE -> CONTACTS_READ;
            default -> null;
        });
    }

    /** Why the scope cannot be delegated; null for a delegable one. */
    public String whyNotDelegable() {
        return whyNot;
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
    }
}
