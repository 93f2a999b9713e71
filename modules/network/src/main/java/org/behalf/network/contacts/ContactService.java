package org.behalf.network.contacts;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.behalf.delegation.api.DailyQuotas;
import org.behalf.delegation.api.ReadingAnswer;
import org.behalf.delegation.api.Scope;
import org.behalf.kernel.ActivityNotes;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.RequestState;
import org.behalf.network.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The member's address book and communication log; imports report each row they skip and why. */
@Service
class ContactService {

    static final int MAX_IMPORT_ROWS = 5000;

    private final ContactRepository contacts;
    private final InteractionRepository interactions;
    private final AddressBookProvider provider;
    private final Clock clock;
    private final ObjectProvider<RequestState> requests;
    private final DailyQuotas quotas;

    ContactService(ContactRepository contacts, InteractionRepository interactions, AddressBookProvider provider, Clock clock,
                   ObjectProvider<RequestState> requests, DailyQuotas quotas) {
        this.quotas = quotas;
        this.requests = requests;
        this.contacts = contacts;
        this.interactions = interactions;
        this.provider = provider;
        this.clock = clock;
    }

    /**
     * What an import did: how many contacts it added, and each row it skipped and why. To a caller who may not read
     * the address book ({@link ReadingAnswer}) it says only what follows from the file: a row skipped as already in
     * the address book, or the count of those added, told a helper with {@code contacts:write} alone whether an e-mail
     * address was there (black-box finding, 2026-12-07).
     *
     * @param rows     the rows the import read (a function of the file alone)
     * @param invalid  the skipped rows the file's own rules refused (no name, not an e-mail address): also a function
     *                 of the file alone
     */
    record ImportReport(int imported, List<Map<String, Object>> skipped, @JsonIgnore int rows,
                        @JsonIgnore List<Map<String, Object>> invalid) implements ReadingAnswer {

        /**
         * The rows read and those the file's own rules refused, but neither what was added nor what was there: a row
         * already in the address book and a new one read alike, as do their counts (imported 0 or 1 would tell).
         * Least revealing yet still of use: the caller learns what to correct in the file, and nothing of the address
         * book, as when adding contacts one by one (never refused as already there).
         */
        @Override
        public FileReport withoutReading() {
            return new FileReport(rows, invalid, "The rows not listed here were added, but for any whose e-mail address "
                    + "is already in the address book; this access does not include reading the address book, so which "
                    + "those are is not said.");
        }
    }

    /** An import's report without reading: the rows read, those the file's own rules refused, and why no more is said. */
    record FileReport(int rows, List<Map<String, Object>> skipped, String detail) {
    }

    Page<Contact> list(String owner, String q, String tag, String cursor, Integer limit) {
        int size = Page.size(limit);
        ContactCursor after = ContactCursor.decode(cursor);
        List<Contact> rows = contacts.page(owner, blank(q), blank(tag) == null ? null : tag.strip().toLowerCase(java.util.Locale.ROOT),
                after == null ? null : after.name(), after == null ? null : after.id(), size + 1);
        boolean more = rows.size() > size;
        List<Contact> shown = more ? rows.subList(0, size) : rows;
        return new Page<>(shown, more ? ContactCursor.after(shown.get(size - 1)).encode() : null);
    }

    Contact get(String owner, String id) {
        RequestState.of(requests).notes().target("contact", id);
        return contacts.find(owner, id).orElseThrow(InvalidRequest::notFound);
    }

    @Transactional
    Contact create(String owner, Contact.Draft request) {
        Contact contact = build(OpaqueIds.next(Contact.ID_PREFIX), ContactRules.check(request, false));
        contacts.insert(owner, contact);
        ActivityNotes notes = RequestState.of(requests).notes().target("contact", contact.id());
        // Every field as stored, the empty ones too: undoing the addition removes the contact only while it
        // still holds all of them (ContactUndo). The name alone let an undo remove the holder's later edits.
        contact.fields().forEach((field, value) -> notes.change(field, null, value));
        return contact;
    }

    @Transactional
    Contact change(String owner, String id, Contact.Draft request) {
        RequestState.of(requests).notes().target("contact", id);
        // Read locked, as the profile's edit is (ProfileRepository#lock): two edits of one contact apply one after
        // the other, each to what the other left, and only the fields each sets change. A plain read let both
        // write back the whole contact as they had read it, so one edit was lost while both were recorded
        // (two approvals at once too; black-box finding, 2026-12-07).
        Contact before = contacts.lock(owner, id).orElseThrow(InvalidRequest::notFound);
        Contact.Draft draft = ContactRules.check(request, true);
        Contact after = new Contact(id, or(draft.name(), before.name()), or(draft.emails(), before.emails()),
                or(draft.phones(), before.phones()), or(draft.company(), before.company()), or(draft.title(), before.title()),
                or(draft.notes(), before.notes()), or(draft.tags(), before.tags()), before.createdAt());
        ActivityNotes notes = RequestState.of(requests).notes();
        diff(notes, "name", before.name(), after.name());
        diff(notes, "emails", before.emails(), after.emails());
        diff(notes, "phones", before.phones(), after.phones());
        diff(notes, "company", before.company(), after.company());
        diff(notes, "title", before.title(), after.title());
        diff(notes, "notes", before.notes(), after.notes());
        diff(notes, "tags", before.tags(), after.tags());
        contacts.update(owner, after);
        return after;
    }

    @Transactional
    void delete(String owner, String id) {
        RequestState.of(requests).notes().target("contact", id);
        // Another spelling of the id removes nothing (ContactRepository#find; docs/security.md rule 26).
        if (!OpaqueIds.isOf(Contact.ID_PREFIX, id)) {
            throw InvalidRequest.notFound();
        }
        Contact removed = contacts.lock(owner, id).orElseThrow(InvalidRequest::notFound);
        // Every field as it was, the empty ones too (as an addition records them, in reverse): a removal cannot
        // be undone, so the holder's log is the only place left that says what a helper threw away
        // (DESIGN.md section 2 rule 6; black-box finding 14, 2026-12-07: the entry's changes were empty).
        ActivityNotes notes = RequestState.of(requests).notes();
        removed.fields().forEach((field, value) -> notes.change(field, value, null));
        interactions.removeAll(owner, id);
        contacts.remove(owner, id);
    }

    @Transactional
    Contact.Interaction log(String owner, String contactId, Contact.LoggedInteraction request) {
        get(owner, contactId);
        Contact.Interaction checked = ContactRules.interaction(request, LocalDate.now(clock));
        Contact.Interaction interaction = new Contact.Interaction(OpaqueIds.next("itr"), checked.kind(), checked.date(), checked.summary());
        interactions.add(owner, contactId, interaction);
        RequestState.of(requests).notes().change("interaction", null, interaction.kind() + " " + interaction.date());
        return interaction;
    }

    List<Contact.Interaction> interactions(String owner, String contactId) {
        get(owner, contactId);
        return interactions.of(owner, contactId);
    }

    /**
     * Imports parsed rows; a row without a name, with bad data or with an e-mail already known is
     * skipped and reported. Too many rows refuse the whole import, naming {@code field}: the part of
     * the request the rows came from.
     */
    @Transactional
    /** The rows as new contacts, each a unit of a delegate's daily quota on {@code contacts:write} ({@link DailyQuotas}). */
    ImportReport importRows(Caller caller, List<ContactImport.Row> rows, String source, String field) {
        String owner = caller.subject();
        requireFew(rows, field);
        // One import of a member's at a time, each seeing the rows of the one before.
        contacts.lockForImport(owner);
        Set<String> known = contacts.lockEmails(owner);
        List<StoredContact> added = new ArrayList<>();
        List<Map<String, Object>> skipped = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (ContactImport.Row row : rows) {
            if (row.skipped() != null) {
                invalid.add(Map.of("row", row.row(), "reason", row.skipped()));
                skipped.add(invalid.get(invalid.size() - 1));
                continue;
            }
            Contact.Draft draft;
            try {
                draft = ContactRules.check(row.draft(), false);
            } catch (InvalidRequest refused) {
                // The rule's own words; the API's field name ("emails[0]") means nothing to whoever wrote the file.
                invalid.add(Map.of("row", row.row(), "reason", String.valueOf(refused.getBody().getDetail())));
                skipped.add(invalid.get(invalid.size() - 1));
                continue;
            }
            String twice = draft.emails().stream().filter(known::contains).findFirst().orElse(null);
            if (twice != null) {
                skipped.add(Map.of("row", row.row(), "reason", "already in the address book: " + twice));
                continue;
            }
            known.addAll(draft.emails());
            added.add(StoredContact.of(owner, build(OpaqueIds.next(Contact.ID_PREFIX), draft)));
        }
        // A caller who may not read the address book pays for each row the file's rules let through, added or already
        // there: the quota left would otherwise count the rows that were there (docs/security.md rule 5).
        int taken = caller.hasScope(Scope.CONTACTS_READ.value()) ? added.size() : rows.size() - invalid.size();
        quotas.takeMore(caller, "contacts:write", taken - 1);
        contacts.insertAll(added);
        RequestState.of(requests).notes().target("contacts", source).change("imported", null, added.size())
                .change("skipped", null, skipped.size());
        return new ImportReport(added.size(), skipped, rows.size(), invalid);
    }

    /** The rule of an import's size, which reads nothing stored: also run before a helper's import is held. */
    static void requireFew(List<ContactImport.Row> rows, String field) {
        if (rows.size() > MAX_IMPORT_ROWS) {
            throw new InvalidRequest(field, "At most " + MAX_IMPORT_ROWS + " contacts per import; nothing was imported.");
        }
    }

    /**
     * With the member's access token at the provider, or with an authorization code from the
     * provider that this server exchanges itself (with its client registration there).
     */
    ImportReport importFromProvider(Caller caller, String accessToken, String code, String redirectUri, String codeVerifier) {
        boolean token = accessToken != null && !accessToken.isBlank();
        boolean authorization = code != null && !code.isBlank();
        if (token == authorization) {
            throw new InvalidRequest(token ? "code" : "accessToken",
                    "Send either the access token you obtained from the address-book provider, or its authorization code and redirectUri.");
        }
        if (authorization && (redirectUri == null || redirectUri.isBlank())) {
            throw new InvalidRequest("redirectUri", "The redirect URI the authorization code was sent to.");
        }
        List<Contact.Draft> fetched = provider.fetchAll(token ? accessToken : provider.redeem(code, redirectUri, codeVerifier));
        List<ContactImport.Row> rows = new ArrayList<>();
        for (int i = 0; i < fetched.size(); i++) {
            Contact.Draft draft = fetched.get(i);
            rows.add(draft.name() == null || draft.name().isBlank() ? new ContactImport.Row(i + 1, null, "no name")
                    : new ContactImport.Row(i + 1, draft, null));
        }
        // There is no file here: the rows are the address book the token (or code) opens at the provider.
        return importRows(caller, rows, "provider", token ? "accessToken" : "code");
    }

    List<Map<String, Object>> export(String owner) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Contact contact : contacts.all(owner)) {
            out.add(Map.of("contact", contact, "interactions", interactions.of(owner, contact.id())));
        }
        return out;
    }

    private Contact build(String id, Contact.Draft draft) {
        return new Contact(id, draft.name(), or(draft.emails(), List.of()), or(draft.phones(), List.of()), or(draft.company(), ""),
                or(draft.title(), ""), or(draft.notes(), ""), or(draft.tags(), List.of()), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private static void diff(ActivityNotes notes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            notes.change(field, before, after);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
