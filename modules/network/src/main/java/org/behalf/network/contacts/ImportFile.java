package org.behalf.network.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.StrictUtf8;

/**
 * The body of an import, read as text within the size limit (SECURITY-CASES 24): never more than
 * the limit and one byte is read, so an oversized upload costs no more memory than an allowed one;
 * and it must be valid UTF-8, since replacing bad bytes would import names and addresses nobody wrote. Then how it
 * is read, and its rows.
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
        return StrictUtf8.decode(bytes)
                .orElseThrow(() -> new InvalidRequest("file", "The file is not UTF-8 text; save it as UTF-8 and import it again."));
    }

    /** How the file is read: {@code ?format=} if given, else by its type (a vCard type, or CSV). */
    static String kind(String contentType, String format) {
        String kind = format != null ? format : contentType.toLowerCase(Locale.ROOT).contains("vcard") ? "vcard" : "csv";
        if (!kind.equals("csv") && !kind.equals("vcard")) {
            throw new InvalidRequest("format", "The format is csv or vcard; \u201c" + kind + "\u201d is neither.");
        }
        return kind;
    }

    /**
     * The file's rows, or its refusal: a file that cannot be read as its kind, or with too many rows. These rules read
     * nothing stored, so they are also run on a helper's import before it is held ({@link ContactImportHeldRules}).
     */
    static List<ContactImport.Row> rows(String kind, String text) {
        // Spreadsheet programs start UTF-8 files with a byte-order mark, which is no part of the first header.
        String file = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<ContactImport.Row> rows = kind.equals("csv") ? ContactImport.csv(file) : ContactImport.vcard(file);
        ContactService.requireFew(rows, "file");
        return rows;
    }
}
