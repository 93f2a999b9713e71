package org.behalf.network.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.behalf.network.NetworkSlice;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;

/**
 * The address book as its owner pages through it: what the rules accept is stored whole, and
 * pages follow each other whatever the names hold. (Editing with its activity diff and the
 * refusals to delegates are in the server's {@code ContactsTest}.)
 */
class AddressBookTest extends NetworkSlice {

    @Test
    void everythingTheRulesAcceptIsStoredTenLongAddressesIncluded() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            emails.add("x".repeat(60) + i + "@" + "d".repeat(180) + ".example");
        }
        assertThat(emails).allSatisfy(email -> assertThat(email).hasSizeLessThanOrEqualTo(254));

        Http.Response created = http.post("/api/v1/contacts", member, Map.of("name", "Many addresses", "emails", emails));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(http.get("/api/v1/contacts/" + created.json().path("id").asString(), member).json().path("emails"))
                .hasSize(10);
    }

    @Test
    void pagesFollowEachOtherAcrossNamesWithLineBreaks() {
        for (String name : List.of("Line\nA", "Line", "Line\nB", "Line\nA", "Zed")) {
            assertThat(http.post("/api/v1/contacts", member, Map.of("name", name)).status()).isEqualTo(201);
        }
        List<String> seen = new ArrayList<>();
        String next = null;
        for (int page = 0; page < 10; page++) {
            Http.Response answer = http.get("/api/v1/contacts?limit=2" + (next == null ? "" : "&cursor=" + next), member);
            items(answer).forEach(c -> seen.add(c.path("id").asString()));
            next = answer.json().path("next").asString(null);
            if (next == null) {
                break;
            }
        }

        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(http.get("/api/v1/contacts?cursor=TGluZQpB", member).json().path("field").asString())
                .as("a cursor of the old form").isEqualTo("cursor");
    }
}
