package org.behalf.network.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;

import org.behalf.network.NetworkSlice;
import org.behalf.testing.AtOnce;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Profile edits made at the same moment, by many members or on one profile, over real HTTP on MySQL. */
class ProfileConcurrencyTest extends NetworkSlice {

    private static final int MEMBERS = 12;
    private static final int ROUNDS = 25;

    @Test
    void newMembersEditingTheirProfilesAtOnceAllSucceed() throws Exception {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(signUp("first"));
        }
        CyclicBarrier start = new CyclicBarrier(MEMBERS);
        List<Callable<Http.Response>> edits = new ArrayList<>();
        for (Member member : members) {
            edits.add(() -> {
                start.await();
                return http.patch("/api/v1/profile", member.token(), Map.of("headline", "First edit of " + member.handle()));
            });
        }

        List<Http.Response> answers = AtOnce.all(edits);

        for (int i = 0; i < MEMBERS; i++) {
            assertThat(answers.get(i).status()).as(answers.get(i).toString()).isEqualTo(200);
            assertThat(http.get("/api/v1/profile", members.get(i).token()).json().path("headline").asString())
                    .isEqualTo("First edit of " + members.get(i).handle());
        }
    }

    @Test
    void twoEditsOfDifferentFieldsAtOnceBothStay() throws Exception {
        Member ann = signUp("both");
        for (int round = 0; round < ROUNDS; round++) {
            CyclicBarrier start = new CyclicBarrier(2);
            String headline = "Headline " + round;
            String summary = "Summary " + round;
            List<Http.Response> answers = AtOnce.all(List.of(
                    () -> {
                        start.await();
                        return http.patch("/api/v1/profile", ann.token(), Map.of("headline", headline));
                    },
                    () -> {
                        start.await();
                        return http.patch("/api/v1/profile", ann.token(), Map.of("summary", summary));
                    }));

            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
            JsonNode profile = http.get("/api/v1/profile", ann.token()).json();
            assertThat(profile.path("headline").asString()).as("round %d", round).isEqualTo(headline);
            assertThat(profile.path("summary").asString()).as("round %d", round).isEqualTo(summary);
        }
    }
}
