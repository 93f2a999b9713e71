package org.behalf.network.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.kernel.OpaqueIds;
import org.behalf.network.NetworkSlice;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The address book (issue 6, contacts) as its owner keeps it: field-level validation, edits, the
 * communication log, and nobody else's reading it. (The bulk export, never for delegates, is in the
 * server's {@code ContactsTest}.)
 */
class ContactsTest extends NetworkSlice {

    @Test
    void contactsAreValidatedEditedAndLoggedAndTheirOwnersAlone() {
        var bad = http.post("/api/v1/contacts", member, Map.of("name", "Ann", "emails", List.of("ann@example.com", "nope")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asString()).isEqualTo("emails[1]");

        JsonNode ann = http.post("/api/v1/contacts", member, Map.of("name", "Ann Lee", "emails", List.of("ANN@example.com"),
                "phones", List.of("+49 30 1234 567"), "tags", List.of("Recruiter"))).json();
        assertThat(ann.path("emails").get(0).asString()).isEqualTo("ann@example.com");
        assertThat(ann.path("phones").get(0).asString()).isEqualTo("+49 30 1234 567");
        String id = ann.path("id").asString();
        assertThat(http.patch("/api/v1/contacts/" + id, member, Map.of("company", "Acme")).json().path("company").asString())
                .isEqualTo("Acme");
        assertThat(http.get("/api/v1/contacts/" + id, member).json().path("phones").get(0).asString())
                .as("an edit of one field keeps the others").isEqualTo("+49 30 1234 567");
        assertThat(http.post("/api/v1/contacts/" + id + "/interactions", member,
                Map.of("kind", "call", "date", "2026-11-20", "summary", "Talked about the role")).status()).isEqualTo(201);
        assertThat(http.post("/api/v1/contacts/" + id + "/interactions", member,
                Map.of("kind", "fax", "date", "2026-11-20", "summary", "x")).json().path("field").asString()).isEqualTo("kind");
        assertThat(items(http.get("/api/v1/contacts/" + id + "/interactions", member))).singleElement()
                .satisfies(call -> assertThat(call.path("date").asString()).isEqualTo("2026-11-20"));
        assertThat(items(http.get("/api/v1/contacts?tag=recruiter", member))).hasSize(1);
        assertThat(items(http.get("/api/v1/contacts?q=acme", member))).hasSize(1);

        String other = OpaqueIds.next("mbr");
        assertThat(http.get("/api/v1/contacts/" + id, other).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/contacts/" + id + "/interactions", other).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/contacts/" + id, other).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/contacts/" + id, member).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/contacts/" + id, member).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/contacts/" + id + "/interactions", member).status()).isEqualTo(404);
    }
}
