package org.behalf.kernel;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The HTTP request being served, as the modules share it: its id (named as it arrives, answered as
 * {@code X-Request-Id} and logged), where it came from, and the
 * activity notes the services write for its entry. One per request ({@link KernelConfiguration},
 * request scope without a proxy): code that may also run outside a request (start-up, scheduled
 * work) injects an {@code ObjectProvider<RequestState>} and asks {@link #of}, which gives a
 * detached state there whose notes go nowhere.
 */
public final class RequestState {

    /** The request attribute under which the server names every request as it arrives. */
    public static final String ID_ATTRIBUTE = RequestState.class.getName() + ".id";
    private static final int MAX_USER_AGENT = 512;

    private final HttpServletRequest request;
    private ActivityNotes notes = new ActivityNotes();

    /** @param request the container's request (or a wrapper of it); null for a detached state */
    RequestState(HttpServletRequest request) {
        this.request = request;
    }

    /**
     * The state of the request being served, or a detached one outside a request. Made and kept
     * here, in the request scope's own attribute (so that an injected {@code RequestState} is the
     * same object), rather than by asking the provider: the container's lookup and creation of a
     * request-scoped bean cost 2 % of the server's CPU on {@code PATCH /api/v1/profile} and 14 % of
     * a token exchange's own work (JFR, scripts/bench delegation, 2026-12-05), where a request asks
     * several times.
     */
    public static RequestState of(ObjectProvider<RequestState> current) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            if (attributes.getAttribute(KernelConfiguration.REQUEST_STATE, RequestAttributes.SCOPE_REQUEST) instanceof RequestState made) {
                return made;
            }
            RequestState state = new RequestState(attributes.getRequest());
            attributes.setAttribute(KernelConfiguration.REQUEST_STATE, state, RequestAttributes.SCOPE_REQUEST);
            return state;
        }
        return current.getIfAvailable(() -> new RequestState(null));
    }

    /**
     * The id the server named the request with as it arrived (its {@code RequestIds}), or null
     * outside a request or where nobody named it (a module's test without the server).
     */
    public String id() {
        return request != null && request.getAttribute(ID_ATTRIBUTE) instanceof String named ? named : null;
    }

    public ActivityNotes notes() {
        return notes;
    }

    /** A request run again after a conflict starts with no notes: its first run kept nothing. */
    public void restart() {
        notes = new ActivityNotes();
    }

    /** {@link ClientAddress#of}, or null outside a request. */
    public String clientAddress() {
        return request == null ? null : ClientAddress.of(request);
    }

    /**
     * The User-Agent as the log keeps it (docs/security.md rules 34 and 40): the header's bytes as
     * HTTP reads them (ISO-8859-1), at most 512 UTF-16 units cut between characters ({@link TextField#cut}), each control character (C0, DEL, C1)
     * shown as U+FFFD. Read from the container's own request: Spring Security's firewall refuses
     * such a header by throwing when it is read, which made the request fail unrecorded. A request
     * whose User-Agent has a control character is refused ({@link #controlInUserAgent}), so the
     * replacement only ever appears in the entry of that refusal.
     */
    public String userAgent() {
        String agent = rawUserAgent();
        if (agent == null) {
            return null;
        }
        String cut = TextField.cut(agent, MAX_USER_AGENT);
        StringBuilder kept = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            kept.append(Character.isISOControl(c) ? '\uFFFD' : c);
        }
        return kept.toString();
    }

    /** Whether the User-Agent has a character that could not be recorded as sent (rule 40). */
    public boolean controlInUserAgent() {
        String agent = rawUserAgent();
        return agent != null && agent.chars().anyMatch(Character::isISOControl);
    }

    private String rawUserAgent() {
        if (request == null) {
            return null;
        }
        ServletRequest raw = request;
        while (raw instanceof ServletRequestWrapper wrapper) {
            raw = wrapper.getRequest();
        }
        String agent = ((HttpServletRequest) raw).getHeader("User-Agent");
        return agent == null ? null : utf8(agent);
    }

    /**
     * A header as the UTF-8 text its octets spell, where they do: Tomcat reads each octet as one
     * ISO-8859-1 character (RFC 9110 section 5.5 leaves octets above ASCII to the sender), so a
     * client that sends UTF-8 was recorded as "cafÃ©", and the continuation bytes of some
     * characters read as control characters and refused (docs/security.md rule 40). Octets that are
     * not UTF-8 stay as read.
     */
    private static String utf8(String octets) {
        if (octets.chars().allMatch(c -> c < 0x80) || octets.chars().anyMatch(c -> c > 0xFF)) {
            return octets;
        }
        return StrictUtf8.decode(octets.getBytes(StandardCharsets.ISO_8859_1)).orElse(octets);
    }
}
