package org.behalf.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The address book (issue 6, contacts) where it meets grants and the activity log: the bulk export,
 * the holder's alone. Everything the address book does for its owner is tested in the network module
 * itself: editing and the communication log ({@code ContactsTest}), paging and storing what the rules
 * accept ({@code AddressBookTest}), file imports ({@code ContactImportTest}) and the provider import
 * against WireMock ({@code ProviderImportTest}).
 */
class ContactsTest extends ServerTest {

    private Http http;
    private Member owner;

    @BeforeEach
    void member() {
        http = new Http(baseUrl());
        owner = Members.create(baseUrl(), "crm");
    }

    @Test
    void theBulkExportIsTheHoldersAloneAndADelegatesAttemptIsRecorded() {
        http.post("/api/v1/contacts", owner.accessToken(), Map.of("name", "Gus"));
        JsonNode export = http.get("/api/v1/export", owner.accessToken()).json();
        assertThat(export.path("contacts").get(0).path("contact").path("name").asString()).isEqualTo("Gus");
        assertThat(http.get("/api/v1/activity?action=data.export&outcome=success", owner.accessToken()).json().path("items").size())
                .as("the holder's own export is recorded").isEqualTo(1);

        Member helper = Members.create(baseUrl(), "crmh");
        String token = Delegations.delegationToken(http,
                Delegations.activeGrant(http, owner, helper, List.of("contacts:read", "contacts:write")), helper);

        assertThat(NetworkFixture.items(http.get("/api/v1/contacts", token))).hasSize(1);
        assertThat(http.get("/api/v1/export", token).status()).isEqualTo(403);
        JsonNode denied = http.get("/api/v1/activity?action=data.export&outcome=denied", owner.accessToken()).json().path("items").get(0);
        assertThat(denied.path("actor").path("id").asString()).isEqualTo(helper.id());
    }
}
