package org.behalf.delegation.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.delegation.DelegationSlice;
import org.behalf.delegation.api.HeldChangeRules;
import org.behalf.kernel.Caller;
import org.behalf.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Held changes (DESIGN.md section 6, approvals; issue 18 item 1): a helper's change staged as
 * enforcement stages it, then reviewed, approved or rejected by the holder over
 * {@code /api/v1/approvals}, and applied through the API with the holder's own token. Holding a
 * delegated request in the first place is the enforcement's, tested in the server
 * ({@code DelegationTest.changesUnderReviewWaitForTheHolderAndHappenOnlyIfApproved}).
 */
class ApprovalTest extends DelegationSlice {

    @Autowired
    ApprovalService approvals;
    @Autowired
    ApprovalRepository repository;
    @Autowired
    JdbcTemplate jdbc;

    private String helper;
    private Caller acting;

    @BeforeEach
    void helperActsForTheMember() {
        helper = signUp();
        // A real, accepted grant: only access still given can approve what was held under it.
        String grant = http.post("/api/v1/delegations", member, Map.of("delegate", handle(helper),
                "scopes", List.of("profile:read", "profile:write"), "review", List.of("profile:write"))).json().path("id").asString();
        assertThat(http.post("/api/v1/delegations/" + grant + "/accept", helper, null).status()).isEqualTo(200);
        acting = new Caller(member, helper, "helper-app", Set.of("profile:write"), grant, "jti", Caller.Kind.DELEGATE);
        profile(member).putAll(Map.of("headline", "Nurse", "summary", "Night shifts"));
    }

    /** The member's entries of review, without the grant's own (its creation and acceptance). */
    private List<ActivityEvent> decisions(String account) {
        return recorded(account).stream().filter(entry -> entry.action().startsWith("approval.")).toList();
    }

    private Approval held(String body) {
        return approvals.stage(acting, "profile:write", new HeldChangeRules.Change(member, "profile.update", "PATCH", "/api/v1/profile",
                "/api/v1/profile", "application/json", body));
    }

    private Http.Response approve(String id, Object body) {
        return http.post("/api/v1/approvals/" + id + "/approve", member, body);
    }

    @Test
    void twoHeldChangesToOneProfileApprovedInTurnKeepBoth() {
        Approval headline = held("{\"headline\":\"Head nurse\"}");
        Approval summary = held("{\"summary\":\"Day shifts\"}");

        JsonNode pending = http.get("/api/v1/approvals?status=pending", member).json();
        assertThat(pending.path("items")).hasSize(2).allSatisfy(a -> assertThat(a.path("state").asString()).isEqualTo("ready"));
        JsonNode first = approve(headline.id(), null).json();
        JsonNode second = approve(summary.id(), null).json();

        assertThat(first.path("status").asString()).isEqualTo("applied");
        assertThat(second.path("status").asString()).as(second.toString()).isEqualTo("applied");
        assertThat(second.path("result").path("status").asInt()).isEqualTo(200);
        // Only the fields each change set were applied: the second did not put back the headline it never named.
        assertThat(profile(member)).containsEntry("headline", "Head nurse").containsEntry("summary", "Day shifts");
        assertThat(decisions(member)).extracting(ActivityEvent::action).containsExactly("approval.approve", "approval.approve");
        assertThat(decisions(member).get(0).changes()).contains(new ActivityEvent.Change("status", "pending", "applied"));
    }

    @Test
    void theReviewNamesTheHelperAndEachFieldBeforeAndAfterAndTheHelperSeesTheirOwnRecord() {
        Approval headline = held("{\"headline\":\"Head nurse\"}");

        JsonNode review = http.get("/api/v1/approvals", member).json().path("items").get(0);
        assertThat(review.path("id").asString()).isEqualTo(headline.id());
        assertThat(review.path("delegate").path("handle").asString()).isEqualTo(handle(helper));
        assertThat(review.path("changes").get(0).path("before").asString()).isEqualTo("Nurse");
        assertThat(review.path("changes").get(0).path("after").asString()).isEqualTo("Head nurse");
        assertThat(review.path("request").path("body").asString()).isEqualTo("{\"headline\":\"Head nurse\"}");

        JsonNode own = http.get("/api/v1/approvals?role=delegate", helper).json().path("items");
        assertThat(own).hasSize(1);
        assertThat(own.get(0).path("holder").path("id").asString()).isEqualTo(member);
        assertThat(own.get(0).path("state").isNull()).isTrue();
        assertThat(http.get("/api/v1/approvals", helper).json().path("items")).isEmpty();
    }

    @Test
    void aFieldChangedSinceIsFlaggedAndOverwrittenOnlyWhenTheHolderConfirms() {
        Approval headline = held("{\"headline\":\"Head nurse\"}");
        profile(member).put("headline", "Ward manager");

        assertThat(http.get("/api/v1/approvals", member).json().path("items").get(0).path("state").asString()).isEqualTo("conflict");
        Http.Response unconfirmed = approve(headline.id(), null);
        assertThat(unconfirmed.status()).isEqualTo(409);
        assertThat(unconfirmed.json().path("fields").toString()).isEqualTo("[\"headline\"]");
        assertThat(profile(member)).containsEntry("headline", "Ward manager");
        assertThat(decisions(member)).isEmpty();

        Http.Response confirmed = approve(headline.id(), Map.of("overwrite", true));
        assertThat(confirmed.json().path("status").asString()).as(confirmed.toString()).isEqualTo("applied");
        assertThat(profile(member)).containsEntry("headline", "Head nurse");
        assertThat(decisions(member).get(0).changes()).contains(new ActivityEvent.Change("overwrote", null, List.of("headline")));
    }

    @Test
    void aRejectedChangeChangesNothingAndADecidedOneIsDecidedOnce() {
        Approval headline = held("{\"headline\":\"Head nurse\"}");

        assertThat(http.post("/api/v1/approvals/" + headline.id() + "/reject", member, null).json().path("status").asString())
                .isEqualTo("rejected");
        assertThat(approve(headline.id(), null).status()).isEqualTo(409);

        assertThat(profile(member)).containsEntry("headline", "Nurse");
        assertThat(decisions(member)).extracting(ActivityEvent::action).containsExactly("approval.reject");
        assertThat(http.get("/api/v1/approvals?status=pending", member).json().path("items")).isEmpty();
        assertThat(http.get("/api/v1/approvals?status=rejected", member).json().path("items")).hasSize(1);
        Http.Response badStatus = http.get("/api/v1/approvals?status=done", member);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().path("field").asString()).isEqualTo("status");
    }

    /**
     * An approval id is one string (DESIGN.md section 3; docs/security.md rule 26): the same id with
     * trailing spaces, which MySQL's collations pad and so matched the held change, is no change to
     * approve or reject, and the holder's log never names it so (black-box follow-up, 2026-12-07);
     * other spellings (case, accents) are the column's collation ({@code ApprovalIdCollationTest}).
     */
    @Test
    void anApprovalIdInAnotherSpellingIsNoHeldChange() {
        Approval headline = held("{\"headline\":\"Head nurse\"}");

        for (String padded : List.of(headline.id() + "%20", headline.id() + "%20%20")) {
            assertThat(http.post("/api/v1/approvals/" + padded + "/reject", member, null).status()).as(padded).isEqualTo(404);
            assertThat(approve(padded, null).status()).as(padded).isEqualTo(404);
        }
        assertThat(repository.lock(headline.id())).get().extracting(Approval::status).isEqualTo("pending");
        assertThat(profile(member)).containsEntry("headline", "Nurse");
        assertThat(decisions(member)).isEmpty();

        assertThat(approve(headline.id(), null).json().path("id").asString()).isEqualTo(headline.id());
        assertThat(decisions(member)).extracting(entry -> entry.target().id()).containsExactly(headline.id());
    }

    /** SECURITY-CASES 20: someone else's held change answers like a missing one, and stays pending. */
    @Test
    void anotherMembersHeldChangeIsNotFound() {
        Approval headline = held("{\"headline\":\"Head nurse\"}");
        String stranger = signUp();

        Http.Response foreign = http.post("/api/v1/approvals/" + headline.id() + "/approve", stranger, null);
        Http.Response missing = http.post("/api/v1/approvals/apr_doesnotexist/approve", stranger, null);

        assertThat(foreign.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(foreign.json().path("detail").asString()).isEqualTo(missing.json().path("detail").asString());
        assertThat(repository.lock(headline.id())).get().extracting(Approval::status).isEqualTo("pending");
        assertThat(profile(member)).containsEntry("headline", "Nurse");
    }

    @Test
    void aHeldChangeIsStoredAsSentAndItsDecisionInTheColumnsEarlierReleasesWrote() {
        Approval headline = held("{\"headline\":\"Head nurse\"}");
        approve(headline.id(), null);

        Map<String, Object> row = jdbc.queryForMap("SELECT holder_id, grant_id, delegate_id, client_id, action, scope, method, path, "
                + "content_type, body, status, decided_at, result_status, result, changes FROM delegation_approval WHERE id = ?", headline.id());
        assertThat(row).containsEntry("holder_id", member).containsEntry("grant_id", acting.grantId()).containsEntry("delegate_id", helper)
                .containsEntry("client_id", "helper-app").containsEntry("action", "profile.update").containsEntry("scope", "profile:write")
                .containsEntry("method", "PATCH").containsEntry("path", "/api/v1/profile").containsEntry("content_type", "application/json")
                .containsEntry("body", "{\"headline\":\"Head nurse\"}").containsEntry("status", "applied")
                .containsEntry("result_status", 200).containsEntry("result", "Applied.");
        assertThat(((java.sql.Timestamp) row.get("decided_at")).toInstant()).isCloseTo(Instant.now(), within());
        assertThat((String) row.get("changes")).isEqualTo("[{\"field\":\"headline\",\"label\":\"headline\",\"before\":\"Nurse\","
                + "\"after\":\"Head nurse\"}]");
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(5, ChronoUnit.MINUTES);
    }
}
