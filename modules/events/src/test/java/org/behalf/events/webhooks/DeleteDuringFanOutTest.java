package org.behalf.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.events.EventsSlice;
import org.behalf.identity.api.AccountEvent;
import org.behalf.testing.AtOnce;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An integrator deleting webhooks while their owner's events are fanned out to them. The delete
 * removed the webhook's deliveries and then the webhook, while the fan-out read the webhooks and then
 * wrote their deliveries: the two took their locks in opposite orders, and one of them lost a
 * deadlock; the integrator was answered 500 and the fan-out's round failed (the suite's own log,
 * 2026-12-07). Here the module's fan-out runs on the test's threads as well as on its own, so that
 * the races happen in every round rather than now and then.
 */
class DeleteDuringFanOutTest extends EventsSlice {

    private static final int ROUNDS = 6;
    private static final int WEBHOOKS = 6;
    private static final int EVENTS = 60;

    @Autowired
    private FanOut fanOut;

    @Test
    void everyDeleteSucceedsWhileTheEventsAreFannedOutAndLeavesNothingOfItsWebhook() throws Exception {
        String path = stub(204);
        List<String> deleted = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String member = newMember();
            String clientId = client(member);
            List<String> hooks = new ArrayList<>();
            for (int i = 0; i < WEBHOOKS; i++) {
                hooks.add(http.post("/api/v1/webhooks", member, Map.of("clientId", clientId, "url", url(path),
                        "events", List.of("profile.updated"))).json().path("id").asString());
            }
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < EVENTS; i++) {
                    publisher().publishEvent(new AccountEvent("profile.updated", member, null, Map.of("memberId", member)));
                }
            });

            List<Callable<Integer>> calls = new ArrayList<>();
            for (String hook : hooks) {
                calls.add(() -> http.delete("/api/v1/webhooks/" + hook, member).status());
                calls.add(fanOut::fanOut);
            }
            List<Integer> answers = AtOnce.all(calls);
            for (int i = 0; i < hooks.size(); i++) {
                assertThat(answers.get(2 * i)).as("the delete of webhook %d of round %d", i, round).isEqualTo(204);
            }
            deleted.addAll(hooks);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events_webhook WHERE owner_id = ?", Integer.class, member)).isZero();
            assertThat(recorded(member).stream().map(ActivityEvent::action).filter("webhook.delete"::equals)).hasSize(WEBHOOKS);
        }
        // Nothing of a deleted webhook is left: no delivery a fan-out wrote for it around its delete (asked
        // last, as a delivery written after the delete was the first thing to show before the deadlock did).
        assertThat(deliveriesOf(deleted)).isEmpty();
    }
}
