package org.behalf.delegation.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default-deny half of the choke point without a server: a handler that declares nothing is
 * refused before it runs, even for a token with every scope (DESIGN.md section 2 rule 8). The
 * full-server tests cover the grant checks.
 */
class AccessInterceptorTest {

    private static final Caller HOLDER_WITH_EVERYTHING = new Caller("mbr_holder", null, "behalf-cli",
            Set.of("profile:read", "profile:write", "network:search", "delegation:manage"), null, "jti", Caller.Kind.HOLDER);

    private final AccessInterceptor interceptor = new AccessInterceptor(() -> Optional.of(HOLDER_WITH_EVERYTHING), null,
            Clock.systemUTC(), JsonMapper.builder().build(), null, null);

    @Test
    void anUndeclaredHandlerIsRefusedWhateverTheToken() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        boolean proceed = interceptor.preHandle(request(), response, handler("undeclared"));

        assertThat(proceed).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("declares no scope");
    }

    @Test
    void aClientCredentialsTokenIsRefusedOnAMemberEndpoint() throws Exception {
        Caller client = new Caller("cli_abc", null, "cli_abc", Set.of("profile:read"), null, "jti", Caller.Kind.CLIENT);
        AccessInterceptor forClient = new AccessInterceptor(() -> Optional.of(client), null, Clock.systemUTC(),
                JsonMapper.builder().build(), null, null);
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(forClient.preHandle(request(), response, handler("readProfile"))).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
    }

    @Test
    void aDeclaredHandlerWithItsScopeProceeds() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(interceptor.preHandle(request(), response, handler("readProfile"))).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aDelegateIsRefusedAnEndpointThatIsNeverDelegableEvenWithTheScopeInItsToken() throws Exception {
        Caller delegate = new Caller("mbr_holder", "mbr_helper", "behalf-cli", Set.of("network:search"), "grt_1", "jti",
                Caller.Kind.DELEGATE);
        AccessInterceptor forDelegate = new AccessInterceptor(() -> Optional.of(delegate), null, Clock.systemUTC(),
                JsonMapper.builder().build(), null, null);
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(forDelegate.preHandle(request(), response, handler("search"))).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("Helpers may never do this for the account holder (\u201cSearch members "
                + "through your network\u201d)").doesNotContain("network:search");
    }

    /** The refusal in the catalog's words, never a scope's name (black-box finding, 2026-12-07). */
    @Test
    void aRefusalOfAHelperSaysWhyInWords() {
        assertThat(AccessInterceptor.notDelegable("data:export")).contains("Export your connections").doesNotContain("data:export");
        assertThat(AccessInterceptor.notDelegable("delegation:act")).isEqualTo("This is done signed in as yourself, not while acting "
                + "for the account holder.");
        assertThat(AccessInterceptor.notDelegable(null)).doesNotContain("endpoint");
    }

    @Test
    void anOwnerOnlyEndpointRefusesAnAppTokenOfTheSameMember() throws Exception {
        Caller app = new Caller("mbr_holder", null, "some-app", Set.of("connections:read"), null, "jti", Caller.Kind.APP);
        AccessInterceptor forApp = new AccessInterceptor(() -> Optional.of(app), null, Clock.systemUTC(),
                JsonMapper.builder().build(), null, null);
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(forApp.preHandle(request(), response, handler("removeConnection"))).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(interceptor.preHandle(request(), new MockHttpServletResponse(), handler("removeConnection"))).isTrue();
    }

    /** DESIGN.md section 6: a client's own endpoint (its Shared Signals stream) takes its client-credentials token and no member's. */
    @Test
    void aClientItselfEndpointTakesOnlyAClientCredentialsToken() throws Exception {
        Caller client = new Caller("cli_abc", null, "cli_abc", Set.of(), null, "jti", Caller.Kind.CLIENT);
        AccessInterceptor forClient = new AccessInterceptor(() -> Optional.of(client), null, Clock.systemUTC(),
                JsonMapper.builder().build(), null, null);
        assertThat(forClient.preHandle(request(), new MockHttpServletResponse(), handler("manageStream"))).isTrue();

        Caller app = new Caller("mbr_holder", null, "cli_abc", Set.of("profile:read"), null, "jti", Caller.Kind.APP);
        Caller delegate = new Caller("mbr_holder", "mbr_helper", "cli_abc", Set.of("profile:read"), "grt_1", "jti", Caller.Kind.DELEGATE);
        for (Caller member : new Caller[] {HOLDER_WITH_EVERYTHING, app, delegate}) {
            AccessInterceptor forMember = new AccessInterceptor(() -> Optional.of(member), null, Clock.systemUTC(),
                    JsonMapper.builder().build(), null, null);
            MockHttpServletResponse response = new MockHttpServletResponse();
            assertThat(forMember.preHandle(request(), response, handler("manageStream"))).as(member.kind().name()).isFalse();
            assertThat(response.getStatus()).isEqualTo(403);
            assertThat(response.getContentAsString()).contains("Only the client itself");
        }
    }

    private static MockHttpServletRequest request() {
        return new MockHttpServletRequest("GET", "/api/v1/anything");
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        return new HandlerMethod(new Endpoints(), Endpoints.class.getDeclaredMethod(name));
    }

    static class Endpoints {
        void undeclared() {
        }

        @ResourceAccess(scope = "profile:read", delegates = true, action = "profile.read")
        void readProfile() {
        }

        @ResourceAccess(scope = "network:search", delegates = false, action = "network.search")
        void search() {
        }

        @ResourceAccess(scope = ResourceAccess.OWNER, delegates = false, action = "connection.remove")
        void removeConnection() {
        }

        @ResourceAccess(scope = ResourceAccess.CLIENT_ITSELF, delegates = false, action = "ssf.stream.read")
        void manageStream() {
        }
    }
}
