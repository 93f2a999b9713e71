package org.behalf.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the activity page says of actions no endpoint declares: words, never a Java handler's name. */
class ActivityStoryTest {

    @Test
    void anUndeclaredHandlerIsToldAsAnAddressBehalfDoesNotOffer() {
        assertThat(ActivityStory.deed("undeclared.HttpOptionsHandler.handle", null))
                .isEqualTo("use an address Behalf does not offer");
        assertThat(ActivityStory.deed("api.options", "Hana")).isEqualTo("ask which requests an address takes");
    }

    /** Allowing an app on the consent page is in the log (app.allow, black-box finding F15), and so is taking it back. */
    @Test
    void allowingAnAppAndTakingItBackAreSaidInWords() {
        assertThat(ActivityStory.deed("app.allow", null)).isEqualTo("allow an app");
        assertThat(ActivityStory.deed("app.withdraw", null)).isEqualTo("take back an app's access");
    }
}
