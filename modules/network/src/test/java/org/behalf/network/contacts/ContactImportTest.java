package org.behalf.network.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.behalf.kernel.Caller;
import org.behalf.kernel.slice.SessionStatements;
import org.behalf.network.NetworkSlice;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Importing an address book from a file, CSV or vCard, as the member sees it: a report of each
 * skipped row and why, and the contacts in the address book afterwards. A file that is not CSV or
 * vCard at all, too large or not UTF-8 is refused in plain words and imports nothing. (The
 * provider import over HTTP and the refusals to delegates are in the server's {@code ContactsTest}.)
 */
class ContactImportTest extends NetworkSlice {

    @Autowired
    ContactService service;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    /** Spreadsheet programs save UTF-8 CSV with a byte-order mark; the first header is still the name column. */
    @Test
    void aCsvSavedWithAByteOrderMarkKeepsItsFirstHeader() {
        JsonNode report = upload("text/csv", "\uFEFFName,Email\nBom Person,bom.person@example.com\n");

        assertThat(report.path("imported").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(names("bom")).containsExactly("Bom Person");
    }

    @Test
    void aVcardSavedWithAByteOrderMarkIsReadToo() {
        JsonNode report = upload("text/vcard", "\uFEFFBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bom Card\r\nEND:VCARD\r\n");

        assertThat(report.path("imported").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(names("bom")).containsExactly("Bom Card");
    }

    @Test
    void aCsvImportReportsEachSkippedRowAndWhy() {
        http.post("/api/v1/contacts", member, Map.of("name", "Known", "emails", List.of("known@example.com")));
        String csv = "Name,Email,Phone,Company\n"
                + "Ann Lee,ann@example.com,+1 555 0100,Acme\n"
                + ",nobody@example.com,,\n"
                + "\"Lee, Bob\",bob@example.com,,\"Quotes \"\"R\"\" Us\"\n"
                + "Dup,known@example.com,,\n"
                + "Bad,not-an-email,,\n";

        JsonNode report = upload("text/csv", csv);

        assertThat(report.path("imported").asInt()).isEqualTo(2);
        List<String> reasons = new ArrayList<>();
        report.path("skipped").forEach(row -> reasons.add(row.path("row").asInt() + ": " + row.path("reason").asString()));
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).startsWith("3: no name");
        assertThat(reasons.get(1)).startsWith("5: already in the address book");
        assertThat(reasons.get(2)).isEqualTo("6: Not an e-mail address: \u201cnot-an-email\u201d.");
        JsonNode bob = items(http.get("/api/v1/contacts?q=quotes", member)).get(0);
        assertThat(bob.path("name").asString()).isEqualTo("Lee, Bob");
        assertThat(bob.path("company").asString()).isEqualTo("Quotes \"R\" Us");
    }

    /** Windows programs end lines with CRLF, and a quoted note may hold line breaks and commas of its own. */
    @Test
    void quotedFieldsKeepTheirCommasAndLineBreaksInAFileWithCrlfLines() {
        String csv = "First Name,Last Name,E-mail Address,Notes,Labels\r\n"
                + "Dana,Quinn,dana@example.com,\"Met in Lyon, 2025\r\nwants an intro, to Acme\",\"friends, work\"\r\n"
                + "\r\n"
                + "Eli,Roe,eli@example.com,plain,\r\n";

        JsonNode report = upload("text/csv", csv);

        assertThat(report.path("imported").asInt()).as(report.toString()).isEqualTo(2);
        assertThat(report.path("skipped")).isEmpty();
        JsonNode dana = items(http.get("/api/v1/contacts?q=dana", member)).get(0);
        assertThat(dana.path("name").asString()).isEqualTo("Dana Quinn");
        assertThat(dana.path("notes").asString()).as("line breaks are stored as \\n")
                .isEqualTo("Met in Lyon, 2025\nwants an intro, to Acme");
        assertThat(dana.path("tags")).extracting(JsonNode::asString).containsExactly("friends", "work");
        assertThat(names("eli")).containsExactly("Eli Roe");
    }

    @Test
    void aVcardImportReadsFoldedLinesSeveralEmailsAndEscapes() {
        String vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cara Diaz\r\nEMAIL;TYPE=work:cara@work.example\r\nEMAIL:cara@home.example\r\n"
                + "TEL:+34 600 000 000\r\nORG:Big\\, Corp;Sales\r\nNOTE:Met at the fair\\nfollow up\r\n in spring\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:noname@example.com\r\nEND:VCARD\r\n";

        JsonNode report = upload("text/vcard", vcf);

        assertThat(report.path("imported").asInt()).isEqualTo(1);
        assertThat(report.path("skipped").get(0).path("row").asInt()).isEqualTo(2);
        assertThat(report.path("skipped").get(0).path("reason").asString()).contains("no name");
        JsonNode cara = items(http.get("/api/v1/contacts?q=cara", member)).get(0);
        assertThat(cara.path("emails")).extracting(JsonNode::asString).containsExactly("cara@work.example", "cara@home.example");
        assertThat(cara.path("phones")).extracting(JsonNode::asString).containsExactly("+34 600 000 000");
        assertThat(cara.path("company").asString()).isEqualTo("Big, Corp");
        assertThat(cara.path("notes").asString()).as("folded line joined, \\n an escaped line break")
                .isEqualTo("Met at the fair\nfollow upin spring");
    }

    /** vCard 4.0 (RFC 6350): a name from N alone, a number as a tel: URI, a long line folded with a tab. */
    @Test
    void aVcard4CardWithOnlyAStructuredNameAndATelUriIsImported() {
        String vcf = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Okafor;Ngozi;;;\r\nTEL;VALUE=uri;TYPE=cell:tel:+234-1-555-0100\r\n"
                + "TITLE:Head of Partner\r\n\tships\r\nEMAIL:ngozi@example.com\r\nEND:VCARD\r\n";

        JsonNode report = upload("text/vcard", vcf);

        assertThat(report.path("imported").asInt()).as(report.toString()).isEqualTo(1);
        JsonNode ngozi = items(http.get("/api/v1/contacts?q=ngozi", member)).get(0);
        assertThat(ngozi.path("name").asString()).isEqualTo("Ngozi Okafor");
        assertThat(ngozi.path("phones")).extracting(JsonNode::asString).containsExactly("+234-1-555-0100");
        assertThat(ngozi.path("title").asString()).isEqualTo("Head of Partnerships");
    }

    @Test
    void aCsvWithAQuoteNeverClosedIsRefusedInPlainWordsAndImportsNothing() {
        Http.Response refused = uploadBytes("text/csv", "Name,Email\nGood Row,good@example.com\n\"Open, quote@example.com\nLast,last@example.com\n"
                .getBytes(StandardCharsets.UTF_8), "");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("field").asString()).isEqualTo("file");
        assertThat(refused.json().path("detail").asString())
                .isEqualTo("The file could not be read as CSV: a quoted value is not closed, or text follows its closing quote."
                        + " Nothing was imported; fix the file or export it again, then import it.");
        assertThat(items(http.get("/api/v1/contacts", member))).as("not even the good row before the fault").isEmpty();
    }

    @Test
    void aVcardFileCutShortOrNoVcardAtAllIsRefusedAndImportsNothing() {
        Http.Response cutShort = uploadBytes("text/vcard", ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Whole Card\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half Ca").getBytes(StandardCharsets.UTF_8), "");
        Http.Response notAVcard = uploadBytes("text/plain", "Name,Email\nCsv Person,csv@example.com\n".getBytes(StandardCharsets.UTF_8),
                "?format=vcard");

        assertThat(cutShort.status()).as(cutShort.toString()).isEqualTo(400);
        assertThat(cutShort.json().path("field").asString()).isEqualTo("file");
        assertThat(cutShort.json().path("detail").asString()).contains("cut short").contains("Nothing was imported");
        assertThat(notAVcard.status()).as(notAVcard.toString()).isEqualTo(400);
        assertThat(notAVcard.json().path("detail").asString()).contains("holds no BEGIN:VCARD");
        assertThat(items(http.get("/api/v1/contacts", member))).isEmpty();
    }

    @Test
    void anAddressWithUnderscoreOrPercentIsKnownOnlyByItself() {
        http.post("/api/v1/contacts", member, Map.of("name", "Una", "emails", List.of("u_na@example.com")));
        http.post("/api/v1/contacts", member, Map.of("name", "Per", "emails", List.of("p%r@example.com")));
        String csv = "Name,Email\n"
                + "Uxa,uxna@example.com\n"
                + "Pxr,pxxr@example.com\n"
                + "Una again,U_NA@example.com\n";

        JsonNode report = upload("text/csv", csv);

        assertThat(report.path("imported").asInt()).as(report.toString()).isEqualTo(2);
        assertThat(report.path("skipped")).hasSize(1);
        assertThat(report.path("skipped").get(0).path("reason").asString()).isEqualTo("already in the address book: u_na@example.com");
    }

    @Test
    void anOversizedOrNonUtf8FileIsRefusedBeforeAnythingIsImported() {
        byte[] big = ("Name,Email\nBig,big@example.com\n" + "x".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        Http.Response tooLarge = uploadBytes("text/csv", big, "");
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLarge.json().path("field").asString()).isEqualTo("file");
        Http.Response tooLargeUndeclared = http.send(http.request("/api/v1/contacts/import", member)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build());
        assertThat(tooLargeUndeclared.status()).as("a body sent without its length is cut off at the limit too").isEqualTo(413);
        assertThat(tooLargeUndeclared.json().path("field").asString()).isEqualTo("file");

        byte[] latin1 = "Name,Email\nJos\u00e9,jose@example.com\n".getBytes(StandardCharsets.ISO_8859_1);
        Http.Response notUtf8 = uploadBytes("text/csv", latin1, "");
        assertThat(notUtf8.status()).as(notUtf8.toString()).isEqualTo(400);
        assertThat(notUtf8.header("Content-Type")).startsWith("application/problem+json");
        assertThat(notUtf8.json().path("field").asString()).isEqualTo("file");

        assertThat(items(http.get("/api/v1/contacts", member))).isEmpty();
    }

    @Test
    void plainTextIsReadAsCsvUnlessFormatSaysOtherwise() {
        JsonNode csv = upload("text/plain", "Name\nPlain Csv\n");
        Http.Response vcard = uploadBytes("text/plain", "BEGIN:VCARD\r\nFN:Plain Card\r\nEND:VCARD\r\n".getBytes(StandardCharsets.UTF_8),
                "?format=vcard");
        Http.Response unknown = uploadBytes("text/plain", "Name\nX\n".getBytes(StandardCharsets.UTF_8), "?format=xls");

        assertThat(csv.path("imported").asInt()).isEqualTo(1);
        assertThat(vcard.json().path("imported").asInt()).isEqualTo(1);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asString()).isEqualTo("format");
        assertThat(items(http.get("/api/v1/contacts", member))).extracting(c -> c.path("name").asString())
                .containsExactly("Plain Card", "Plain Csv");
    }

    /** Black-box testing, 2026-12-06: the second of two columns was dropped without a word. */
    @Test
    void twoColumnsOfAListAreBothReadAndTwoOfOneValueAreRefused() {
        JsonNode both = upload("text/csv", "Name,Email,E-mail,Phone\nDup Cols,a@example.com,b@example.com,+1 555 0100\n");
        assertThat(both.path("imported").asInt()).as(both.toString()).isEqualTo(1);
        JsonNode contact = items(http.get("/api/v1/contacts?q=dup", member)).get(0);
        assertThat(contact.path("emails").toString()).isEqualTo("[\"a@example.com\",\"b@example.com\"]");

        Http.Response twoNames = uploadBytes("text/csv", "name,email,Full Name\nOne,c@example.com,Other\n".getBytes(StandardCharsets.UTF_8), "");
        assertThat(twoNames.status()).as(twoNames.toString()).isEqualTo(400);
        assertThat(twoNames.json().path("field").asString()).isEqualTo("file");
        assertThat(twoNames.json().path("detail").asString())
                .isEqualTo("The file has 2 columns for the same thing (\u201cname\u201d, \u201cFull Name\u201d); keep one of them. Nothing was imported.");
        assertThat(names("one")).isEmpty();
    }

    /**
     * Black-box testing, 2026-12-06: a query per row made a 5,000-row import take 18–34 s (while a
     * delegate's held the grant's row, so a revocation waited), and five imports of one file at once
     * imported it five times. Counted in statements, not seconds (CONTRIBUTING.md: no timed tests).
     */
    @Test
    void anImportReadsTheAddressBookOnceAndImportsAtOnceKeepEachOther() throws Exception {
        StringBuilder csv = new StringBuilder("Name,Email\n");
        for (int i = 0; i < 1000; i++) {
            csv.append("Row ").append(i).append(",row").append(i).append("@example.com\n");
        }
        List<ContactImport.Row> rows = ContactImport.csv(csv.toString());
        Caller owner = new Caller(member, null, "network-test", java.util.Set.of("contacts:write"), null, "jti", Caller.Kind.HOLDER);
        Map<String, Long> statements = transactions.execute(tx -> SessionStatements.during(jdbc,
                () -> assertThat(service.importRows(owner, rows, "file", "file").imported()).isEqualTo(1000)));
        assertThat(statements.get("select")).as(statements.toString()).isLessThanOrEqualTo(3);

        String again = "Name,Email\n" + csv.substring(csv.indexOf("\n") + 1, csv.indexOf("Row 200,")).replace("Row ", "Again ")
                + "Fresh One,fresh.one@example.com\nFresh Two,fresh.two@example.com\n";
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit(() -> uploadBytes("text/csv", again.getBytes(StandardCharsets.UTF_8), "")));
            }
            int imported = 0;
            for (Future<Http.Response> answer : answers) {
                Http.Response done = answer.get(60, TimeUnit.SECONDS);
                assertThat(done.status()).as(done.toString()).isEqualTo(200);
                assertThat(done.json().path("skipped")).hasSizeGreaterThanOrEqualTo(200);
                imported += done.json().path("imported").asInt();
            }
            assertThat(imported).as("each new address once, whichever import took it").isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(names("fresh")).containsExactly("Fresh One", "Fresh Two");
    }

    private List<String> names(String query) {
        return items(http.get("/api/v1/contacts?q=" + query, member)).stream().map(contact -> contact.path("name").asString()).toList();
    }

    private JsonNode upload(String type, String body) {
        Http.Response answer = uploadBytes(type, body.getBytes(StandardCharsets.UTF_8), "");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private Http.Response uploadBytes(String type, byte[] body, String query) {
        return http.send(http.request("/api/v1/contacts/import" + query, member).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }
}
