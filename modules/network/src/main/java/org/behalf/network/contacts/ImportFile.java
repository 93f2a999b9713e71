package org.behalf.network.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.StrictUtf8;

/**
 * The body of an import, read as text within the size limit (SECURITY-CASES 24): never more than
 * the limit and one byte is read, so an oversized upload costs no more memory than an allowed one;
 * and it must be valid UTF-8, since replacing bad bytes would import names and addresses nobody wrote.
 */
final class ImportFile {

    static final int MAX_BYTES = 2 * 1024 * 1024;

    private ImportFile() {
    }

    static String read(Long declaredLength, InputStream body) {
        if (declaredLength != null && declaredLength > MAX_BYTES) {
            throw new ImportTooLarge(MAX_BYTES);
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new ImportTooLarge(MAX_BYTES);
        }
        String text = StrictUtf8.decode(bytes)
                .orElseThrow(() -> new InvalidRequest("file", "The file is not UTF-8 text; save it as UTF-8 and import it again."));
        // Spreadsheet programs start UTF-8 files with a byte-order mark, which is no part of the first header.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
