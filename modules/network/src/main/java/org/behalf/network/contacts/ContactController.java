package org.behalf.network.contacts;

import java.io.InputStream;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.behalf.network.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/contacts…}: {@code contacts:read} (sensitive) and {@code contacts:write}, both delegable. */
@RestController
class ContactController {

    private final ContactService contacts;

    ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    @GetMapping("/api/v1/contacts")
    @ResourceAccess(scope = "contacts:read", delegates = true, action = "contact.list")
    Page<Contact> list(Caller caller, @RequestParam(required = false) String q, @RequestParam(required = false) String tag,
                       @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return contacts.list(caller.subject(), q, tag, cursor, limit);
    }

    @PostMapping("/api/v1/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = "contacts:write", delegates = true, action = "contact.create")
    Contact create(Caller caller, @RequestBody Contact.Draft request) {
        return contacts.create(caller.subject(), request);
    }

    @GetMapping("/api/v1/contacts/{id}")
    @ResourceAccess(scope = "contacts:read", delegates = true, action = "contact.read")
    Contact get(Caller caller, @PathVariable String id) {
        return contacts.get(caller.subject(), id);
    }

    @PatchMapping("/api/v1/contacts/{id}")
    @ResourceAccess(scope = "contacts:write", delegates = true, action = "contact.update")
    Contact change(Caller caller, @PathVariable String id, @RequestBody Contact.Draft request) {
        return contacts.change(caller.subject(), id, request);
    }

    @DeleteMapping("/api/v1/contacts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = "contacts:write", delegates = true, action = "contact.delete")
    void delete(Caller caller, @PathVariable String id) {
        contacts.delete(caller.subject(), id);
    }

    @GetMapping("/api/v1/contacts/{id}/interactions")
    @ResourceAccess(scope = "contacts:read", delegates = true, action = "contact.interactions")
    Page<Contact.Interaction> interactions(Caller caller, @PathVariable String id) {
        return new Page<>(contacts.interactions(caller.subject(), id), null);
    }

    @PostMapping("/api/v1/contacts/{id}/interactions")
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = "contacts:write", delegates = true, action = "contact.log")
    Contact.Interaction log(Caller caller, @PathVariable String id, @RequestBody Contact.LoggedInteraction request) {
        return contacts.log(caller.subject(), id, request);
    }

    /**
     * A CSV (text/csv, or text/plain) or vCard (text/vcard) file as the body, at most 2 MiB of UTF-8;
     * {@code ?format=csv|vcard} overrides the type. The answer reports each skipped row.
     */
    @PostMapping(value = "/api/v1/contacts/import", consumes = {"text/csv", "text/vcard", "text/x-vcard", "text/plain"})
    @ResourceAccess(scope = "contacts:write", delegates = true, action = "contact.import")
    ContactService.ImportReport importFile(Caller caller, @RequestHeader("Content-Type") String type,
                                           @RequestHeader(value = "Content-Length", required = false) Long length, InputStream body,
                                           @RequestParam(required = false) String format) {
        String kind = ImportFile.kind(type, format);
        return contacts.importRows(caller, ImportFile.rows(kind, ImportFile.read(length, body)), kind, "file");
    }

    @PostMapping("/api/v1/contacts/import/provider")
    @ApiResponse(responseCode = "200", description = "What was imported and each row skipped.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "502", description = "The provider refused the code or token, failed, or answered something unreadable; nothing was imported.")
    @ApiResponse(responseCode = "503", description = "No provider is configured here, or (for a code) no client registration at it; nothing was imported.")
    @ApiResponse(responseCode = "504", description = "The provider did not answer in time; nothing was imported.")
    @ResourceAccess(scope = "contacts:write", delegates = true, action = "contact.import", carriesCredentials = true)
    ContactService.ImportReport importFromProvider(Caller caller, @RequestBody ProviderImport request) {
        return contacts.importFromProvider(caller, request.accessToken(), request.code(), request.redirectUri(),
                request.codeVerifier());
    }

    record ProviderImport(String accessToken, String code, String redirectUri, String codeVerifier) {
    }
}
