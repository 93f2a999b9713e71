package org.behalf.network.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.TextProperty;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.behalf.kernel.InvalidRequest;

/**
 * Parses address books into drafts, row by row, keeping what could not be read and why: CSV with a
 * header row through Apache Commons CSV (RFC 4180 quoting), and vCard 2.1/3.0/4.0 through ez-vcard
 * (folded lines, escaped characters, several EMAIL and TEL properties). A file that is not CSV or
 * vCard at all is refused whole, naming {@code file}: importing the rows before the fault would
 * leave the member with half an address book and no way to tell which half. Nothing here touches
 * the database.
 */
final class ContactImport {

    record Row(int row, Contact.Draft draft, String skipped) {
    }

    /** Header spellings of the columns we keep, as address-book programs export them. */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "name", List.of("name", "full name", "display name"),
            "first", List.of("first name", "given name"),
            "last", List.of("last name", "family name"),
            "email", List.of("email", "e-mail", "email address", "e-mail address"),
            "phone", List.of("phone", "telephone", "mobile", "phone number"),
            "company", List.of("company", "organization", "organisation"),
            "title", List.of("title", "job title"),
            "notes", List.of("notes", "note"),
            "tags", List.of("tags", "labels"));

    /** Blank lines are kept as records (and skipped below) so that row numbers are the file's. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setIgnoreSurroundingSpaces(true).get();

    private ContactImport() {
    }

    static List<Row> csv(String text) {
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(text, CSV)) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException malformed) {
            throw notReadable("CSV", "a quoted value is not closed, or text follows its closing quote");
        }
        List<Row> rows = new ArrayList<>();
        if (records.isEmpty()) {
            return rows;
        }
        List<String> header = records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        Map<String, List<Integer>> columns = columns(header, records.get(0));
        for (int i = 1; i < records.size(); i++) {
            CSVRecord record = records.get(i);
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            // Every column of a field: a list's values are all of them (two e-mail columns, two addresses).
            Function<String, String> cell = key -> String.join(";", columns.get(key).stream().filter(at -> at < record.size())
                    .map(at -> record.get(at).strip()).filter(value -> !value.isEmpty()).toList());
            String fullName = cell.apply("name");
            if (fullName.isEmpty()) {
                fullName = (cell.apply("first") + " " + cell.apply("last")).strip();
            }
            if (fullName.isEmpty()) {
                rows.add(new Row(i + 1, null, "no name"));
                continue;
            }
            String tags = cell.apply("tags").replace(';', ' ').replace(',', ' ').trim().replaceAll("\\s+", ";");
            rows.add(new Row(i + 1, new Contact.Draft(fullName, values(cell.apply("email")), values(cell.apply("phone")),
                    cell.apply("company"), cell.apply("title"), cell.apply("notes"), values(tags)), null));
        }
        return rows;
    }

    /** The fields whose value is a list, which may come from several columns. */
    private static final List<String> LISTS = List.of("email", "phone", "tags");

    /**
     * The header's columns of each field. Several columns of a list field are all read; several of
     * one that holds one value are refused, since either would be lost: "name,email,email,name" kept
     * the first of each and dropped the rest without a word (black-box testing, 2026-12-06).
     */
    private static Map<String, List<Integer>> columns(List<String> header, CSVRecord written) {
        Map<String, List<Integer>> columns = new HashMap<>();
        COLUMNS.forEach((key, spellings) -> {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (spellings.contains(header.get(i))) {
                    at.add(i);
                }
            }
            if (at.size() > 1 && !LISTS.contains(key)) {
                throw new InvalidRequest("file", "The file has " + at.size() + " columns for the same thing ("
                        + String.join(", ", at.stream().map(i -> "\u201c" + written.get(i).strip() + "\u201d").toList())
                        + "); keep one of them. Nothing was imported.");
            }
            columns.put(key, at);
        });
        return columns;
    }

    static List<Row> vcard(String text) {
        List<Row> rows = new ArrayList<>();
        try (VCardReader reader = new VCardReader(text)) {
            VCard card;
            while ((card = reader.readNext()) != null) {
                int number = rows.size() + 1;
                String name = name(card);
                rows.add(name.isEmpty() ? new Row(number, null, "no name (FN or N)")
                        : new Row(number, new Contact.Draft(name, texts(card.getEmails()), card.getTelephoneNumbers().stream()
                                .map(ContactImport::phone).filter(phone -> !phone.isEmpty()).toList(), organization(card),
                                first(card.getTitles()), card.getNotes().isEmpty() ? null : card.getNotes().get(0).getValue(),
                                List.of()), null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty() && !text.isBlank()) {
            throw notReadable("vCard", "it holds no BEGIN:VCARD");
        }
        // ez-vcard reads a card cut off by the end of the file as if it were whole; such a file was
        // truncated (a failed download, a copy cut short) and its last card may be missing fields.
        if (!text.isBlank() && !text.strip().toUpperCase(Locale.ROOT).endsWith("END:VCARD")) {
            throw notReadable("vCard", "it does not end with END:VCARD, so it may have been cut short");
        }
        return rows;
    }

    private static InvalidRequest notReadable(String format, String why) {
        return new InvalidRequest("file", "The file could not be read as " + format + ": " + why
                + ". Nothing was imported; fix the file or export it again, then import it.");
    }

    private static String name(VCard card) {
        String formatted = card.getFormattedName() == null ? null : card.getFormattedName().getValue();
        if (formatted != null && !formatted.isBlank()) {
            return formatted.strip();
        }
        StructuredName n = card.getStructuredName();
        return n == null ? "" : (blankIfNull(n.getGiven()) + " " + blankIfNull(n.getFamily())).strip();
    }

    /** A vCard 4.0 number may be a {@code tel:} URI rather than text. */
    private static String phone(Telephone tel) {
        String number = tel.getText() != null ? tel.getText() : tel.getUri() != null ? tel.getUri().getNumber() : null;
        return blankIfNull(number).strip();
    }

    /** The organisation's name; its further values are departments. */
    private static String organization(VCard card) {
        return card.getOrganization() == null || card.getOrganization().getValues().isEmpty() ? null
                : card.getOrganization().getValues().get(0).strip();
    }

    private static List<String> texts(List<? extends TextProperty> properties) {
        return properties.stream().map(p -> blankIfNull(p.getValue()).strip()).filter(value -> !value.isEmpty()).toList();
    }

    private static String first(List<? extends TextProperty> properties) {
        List<String> values = texts(properties);
        return values.isEmpty() ? null : values.get(0);
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value;
    }

    private static List<String> values(String cell) {
        return cell.isEmpty() ? List.of() : List.of(cell.split("\\s*;\\s*"));
    }
}
