package org.behalf.network.contacts;

import org.behalf.kernel.InvalidRequest;
import org.springframework.http.HttpStatus;

/** 413 for an import file over the limit, as a problem naming {@code file} (SECURITY-CASES 24). */
class ImportTooLarge extends InvalidRequest {

    ImportTooLarge(int maxBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Content too large", "file",
                "At most " + maxBytes / (1024 * 1024) + " MiB per import; nothing was imported.");
    }
}
