package org.behalf.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

class RequestStateTest {

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void everyAskWithinARequestGetsThatRequestsOneStateAndTheNextRequestAFreshOne() {
        try (AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext()) {
            context.setServletContext(new MockServletContext());
            context.register(KernelConfiguration.class);
            context.refresh();
            ObjectProvider<RequestState> provider = context.getBeanProvider(RequestState.class);

            MockHttpServletRequest first = new MockHttpServletRequest("PATCH", "/api/v1/profile");
            first.addHeader("User-Agent", "first");
            first.setAttribute(RequestState.ID_ATTRIBUTE, "req_1");
            enter(first);
            RequestState state = RequestState.of(provider);
            assertThat(state.id()).isEqualTo("req_1");
            state.notes().target("profile", "mbr_1");
            assertThat(RequestState.of(provider)).isSameAs(state);
            assertThat(provider.getObject()).as("the state a bean injected in request scope sees").isSameAs(state);
            assertThat(RequestState.of(provider).userAgent()).isEqualTo("first");

            enter(new MockHttpServletRequest("GET", "/api/v1/profile"));
            RequestState next = RequestState.of(provider);
            assertThat(next).isNotSameAs(state);
            assertThat(next.id()).isNull();
            assertThat(next.userAgent()).isNull();

            // Cut between characters: 511 letters and an emoji (sent in UTF-8, read by the container as
            // ISO-8859-1) keep the letters alone, where half of the emoji's surrogate pair was stored as "?".
            MockHttpServletRequest emoji = new MockHttpServletRequest("GET", "/api/v1/profile");
            emoji.addHeader("User-Agent", new String(("a".repeat(511) + "\uD83D\uDE00").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            enter(emoji);
            assertThat(RequestState.of(provider).userAgent()).isEqualTo("a".repeat(511));
            assertThat(TextField.cut("a".repeat(510) + "\uD83D\uDE00", 512)).as("a whole pair within the bound stays")
                    .isEqualTo("a".repeat(510) + "\uD83D\uDE00");
        }
    }

    @Test
    void outsideARequestEachAskGetsADetachedStateWhoseNotesGoNowhere() {
        try (AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext()) {
            context.setServletContext(new MockServletContext());
            context.register(KernelConfiguration.class);
            context.refresh();
            ObjectProvider<RequestState> provider = context.getBeanProvider(RequestState.class);

            RequestState detached = RequestState.of(provider);
            assertThat(detached.clientAddress()).isNull();
            assertThat(RequestState.of(provider)).isNotSameAs(detached);
            assertThat(RequestState.of(provider).id()).isNull();
        }
    }

    private static void enter(MockHttpServletRequest request) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }
}
