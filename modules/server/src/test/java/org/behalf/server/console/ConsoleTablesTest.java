package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;

/**
 * The console's tables at a laptop's width (1280 px, the black-box tester's) and a phone's, with what
 * squeezed them: a held change proposing a summary of 2,600 characters (the most a profile takes)
 * beside the short words of the rest. At 1280 px the review table's Helper column had shrunk to two or
 * three letters a line and Approve broke letter by letter; headers, badges, the time zone and the
 * session's address broke inside their words. Here no word of a table is drawn across two lines
 * ({@link Browser#brokenWords}), and the long summary shows its beginning with the whole of it a click
 * away. Not in {@link ConsoleWidthsTest}, which walks every page once with nothing held: this is the
 * content that broke the layout, on the pages it broke, for the holder and for the helper.
 */
class ConsoleTablesTest extends ServerTest {

    /** The width the tester saw the squeeze at: a laptop's (1280 x 800). */
    static final int LAPTOP = 1280;

    @Test
    void noWordOfATableBreaksBesideALongHeldSummaryAtALaptopOrAPhone() {
        Http api = new Http(baseUrl());
        Members.Member holder = Members.create(baseUrl(), "tables");
        Members.Member helper = Members.create(baseUrl(), "tablesh");
        String grant = api.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", helper.handle(),
                "scopes", List.of("profile:read", "profile:write"), "review", List.of("profile:write"),
                "window", Map.of("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
                        "start", "00:00", "end", "23:59"), "timeZone", "Europe/Lisbon")).json().path("id").asString();
        assertThat(api.post("/api/v1/delegations/" + grant + "/accept", helper.accessToken(), null).status()).isEqualTo(200);
        StringBuilder prose = new StringBuilder();
        while (prose.length() < 2600) {
            prose.append("Builds teams and software that people rely on, mentors engineers, writes about distributed systems. ");
        }
        String summary = prose.substring(0, 2600);
        Http.Response held = api.patch("/api/v1/profile", Delegations.delegationToken(api, grant, helper), Map.of("summary", summary));
        assertThat(held.status()).as(held.toString()).isEqualTo(202);

        Map<String, List<String>> broken = new LinkedHashMap<>();
        for (int width : List.of(LAPTOP, Browser.PHONE)) {
            try (Browser holderBrowser = new Browser("http://127.0.0.1:" + port, width);
                 Browser helperBrowser = new Browser("http://127.0.0.1:" + port, width)) {
                holderBrowser.signIn(holder.handle(), holder.password());
                for (String page : List.of("/console/helpers", "/console/account", "/console/activity")) {
                    holderBrowser.open(page);
                    broken.put(page + " at " + width + " px", holderBrowser.brokenWords());
                    holderBrowser.screenshot("tables-" + page.substring("/console/".length()));
                }
                helperBrowser.signIn(helper.handle(), helper.password()).open("/console/clients");
                broken.put("the helper's /console/clients at " + width + " px", helperBrowser.brokenWords());
                helperBrowser.screenshot("tables-clients");
                assertThat(broken).allSatisfy((where, words) -> assertThat(words).as(where).isEmpty());

                // The summary shows its beginning; the whole of it is one click away, on the holder's page and the helper's.
                holderBrowser.open("/console/helpers");
                assertThat(holderBrowser.find("#approvals dd[data-field=summary] .after").getText())
                        .startsWith(summary.substring(0, 100)).endsWith("…").hasSizeLessThan(400);
                holderBrowser.click("#approvals dd[data-field=summary] details summary");
                assertThat(holderBrowser.find("#approvals dd[data-field=summary] details .whole").getText().strip()).isEqualTo(summary.strip());
                assertThat(holderBrowser.brokenWords()).as("/console/helpers at " + width + " px, the summary open").isEmpty();
                holderBrowser.screenshot("tables-helpers-open");
            }
        }
    }
}
