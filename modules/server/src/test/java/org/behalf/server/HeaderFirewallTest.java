package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** {@link HeaderFirewall} lets through and refuses the same header names and values as Spring Security's default. */
class HeaderFirewallTest {

    private final HttpFirewall ours = new HeaderFirewall().httpFirewall();
    private final HttpFirewall spring = new StrictHttpFirewall();

    @Test
    void everyHeaderNameAndValueGetsTheDefaultFirewallsAnswer() {
        List<String> texts = new ArrayList<>(List.of("", "Bearer abc", "a\tb", "a\nb", "a\rb", "\u0000", "\u007f", "\u0085", "\u00a0",
                "caf\u00e9", "\u0378", "\ud83d\ude00", "\ud83d", "\ude00x", "\udb40\udc01", "\uffff", "\u200b", "\ufeff"));
        Random random = new Random(41);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                // Mostly Latin-1 (what Tomcat gives a header), now and then any code point, surrogates included.
                int c = random.nextInt(4) > 0 ? random.nextInt(0x100) : random.nextInt(0x110000);
                text.appendCodePoint(c);
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            assertThat(answer(ours, "X-Probe", text)).as("value %s", codes(text)).isEqualTo(answer(spring, "X-Probe", text));
            if (!text.isEmpty()) {
                assertThat(answer(ours, text, "v")).as("name %s", codes(text)).isEqualTo(answer(spring, text, "v"));
            }
        }
    }

    @Test
    void aControlCharacterInAHeaderIsRefused() {
        assertThat(answer(ours, "X-Probe", "a\u0000b")).startsWith("refused");
        assertThat(answer(ours, "X-Probe", "Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln")).isEqualTo("allowed");
    }

    private static String answer(HttpFirewall firewall, String name, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/userinfo");
        request.addHeader(name, value);
        try {
            firewall.getFirewalledRequest(request).getHeader(name);
            return "allowed";
        } catch (RequestRejectedException e) {
            return "refused";
        }
    }

    private static String codes(String text) {
        return text.codePoints().mapToObj(Integer::toHexString).toList().toString();
    }
}
