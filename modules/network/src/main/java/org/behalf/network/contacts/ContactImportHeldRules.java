package org.behalf.network.contacts;

import org.behalf.delegation.api.HeldChangeRules;
import org.springframework.stereotype.Component;

/**
 * A delegate's held contacts import checked as {@link ContactController#importFile} checks the file before it imports
 * a row ({@link ImportFile}): a format that is neither CSV nor vCard, a file that cannot be read as its format and one
 * of more than 5,000 rows. They were held as ready and failed once approved (black-box finding, 2026-12-07). A file,
 * not JSON, so not {@link org.behalf.delegation.api.HeldBodyRules}: how it is read is in its type and query. Which rows
 * are already in the address book is the import's, on approval.
 */
@Component
class ContactImportHeldRules implements HeldChangeRules {

    @Override
    public boolean handles(String action) {
        return "contact.import".equals(action);
    }

    @Override
    public void check(Change change) {
        ImportFile.rows(ImportFile.kind(change.contentType(), change.parameter("format")), change.body());
    }
}
