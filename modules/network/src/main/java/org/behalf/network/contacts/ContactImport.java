package org.behalf.network.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses address books into drafts, row by row, keeping what could not be read and why: CSV with a
 * header row (RFC 4180 quoting) and vCard 3.0/4.0 (folded lines, escaped characters, several EMAIL
 * and TEL properties). Nothing here touches the database.
 */
final class ContactImport {

    record Row(int row, Contact.Draft draft, String skipped) {
    }

    private ContactImport() {
    }

    static List<Row> csv(String text) {
        List<List<String>> records = csvRecords(text);
        List<Row> rows = new ArrayList<>();
        if (records.isEmpty()) {
            return rows;
        }
        List<String> header = records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int name = index(header, "name", "full name", "display name");
        int first = index(header, "first name", "given name");
        int last = index(header, "last name", "family name");
        int email = index(header, "email", "e-mail", "email address", "e-mail address");
        int phone = index(header, "phone", "telephone", "mobile", "phone number");
        int company = index(header, "company", "organization", "organisation");
        int title = index(header, "title", "job title");
        int notes = index(header, "notes", "note");
        int tags = index(header, "tags", "labels");
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            String fullName = cell(record, name);
            if (fullName.isEmpty()) {
                fullName = (cell(record, first) + " " + cell(record, last)).strip();
            }
            if (fullName.isEmpty()) {
                rows.add(new Row(i + 1, null, "no name"));
                continue;
            }
            rows.add(new Row(i + 1, new Contact.Draft(fullName, values(cell(record, email)), values(cell(record, phone)),
                    cell(record, company), cell(record, title), cell(record, notes), values(cell(record, tags).replace(';', ' ')
                    .replace(',', ' ').trim().replaceAll("\\s+", ";"))), null));
        }
        return rows;
    }

    static List<Row> vcard(String text) {
        List<Row> rows = new ArrayList<>();
        String unfolded = text.replace("\r\n", "\n").replaceAll("\n[ \t]", "");
        Contact.Draft card = null;
        List<String> emails = null;
        List<String> phones = null;
        int number = 0;
        String name = null;
        String[] parts = {null, null, null, null};
        for (String line : unfolded.split("\n")) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("BEGIN:VCARD")) {
                number++;
                emails = new ArrayList<>();
                phones = new ArrayList<>();
                name = null;
                parts = new String[] {null, null, null, null};
                card = new Contact.Draft(null, null, null, null, null, null, null);
                continue;
            }
            if (card == null) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String property = upper.substring(0, colon).split(";")[0];
            String value = unescape(line.substring(colon + 1));
            switch (property) {
                case "FN" -> name = value.strip();
                case "N" -> {
                    String[] n = line.substring(colon + 1).split(";", -1);
                    if (name == null && n.length > 1) {
                        parts[0] = (unescape(n[1]) + " " + unescape(n[0])).strip();
                    }
                }
                case "EMAIL" -> emails.add(value.strip());
                case "TEL" -> phones.add(value.strip());
                case "ORG" -> parts[1] = value.split(";")[0].strip();
                case "TITLE" -> parts[2] = value.strip();
                case "NOTE" -> parts[3] = value;
                case "END" -> {
                    String full = name != null && !name.isEmpty() ? name : parts[0];
                    rows.add(full == null || full.isEmpty() ? new Row(number, null, "no name (FN or N)")
                            : new Row(number, new Contact.Draft(full, emails, phones, parts[1], parts[2], parts[3], List.of()), null));
                    card = null;
                }
                default -> {
                    // other properties (ADR, URL, PHOTO...) are not kept
                }
            }
        }
        if (card != null) {
            rows.add(new Row(number, null, "no END:VCARD"));
        }
        return rows;
    }

    private static String unescape(String value) {
        return value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\");
    }

    private static List<List<String>> csvRecords(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }

    private static int index(List<String> header, String... names) {
        for (String name : names) {
            int at = header.indexOf(name);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    private static String cell(List<String> record, int index) {
        return index < 0 || index >= record.size() ? "" : record.get(index).strip();
    }

    private static List<String> values(String cell) {
        return cell.isEmpty() ? List.of() : List.of(cell.split("\\s*;\\s*"));
    }
}
