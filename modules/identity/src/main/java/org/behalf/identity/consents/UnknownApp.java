package org.behalf.identity.consents;

import org.behalf.kernel.InvalidRequest;
import org.springframework.http.HttpStatus;

/**
 * 404 for an app the member never allowed, in words: the same answer whether the id is nobody's,
 * another member's app, or Behalf's own client (docs/security.md rule 20).
 */
final class UnknownApp extends InvalidRequest {

    UnknownApp() {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", null, "You have not allowed an app with this id; nothing was changed.");
    }
}
