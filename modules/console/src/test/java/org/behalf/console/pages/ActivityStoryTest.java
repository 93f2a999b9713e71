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
}
