package org.behalf.events.webhooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.behalf.events.outbox.Outbox;
import tools.jackson.databind.JsonNode;

/**
 * The claims of the Security Event Tokens a stream carries (RFC 8417 section 2.2; OpenID SSF 1.0
 * section 4; OpenID CAEP 1.0 sections 3.1 and 3.2). A grant is what a delegation token's session
 * hangs on, so a grant that ends is a CAEP {@code session-revoked} and a grant that is narrowed (its
 * scopes or expiry changed: DESIGN.md section 5 lets them only shrink or move) a
 * {@code token-claims-change}. The subject is complex (SSF 1.0 section 3.3): {@code user} the
 * holder and {@code delegate} the delegate, each {@code iss_sub} (RFC 9493 section 3.2.5), and
 * {@code session} the grant id ({@code opaque}). A member who withdraws their consent to an app ends
 * every session the app had with them: a {@code session-revoked} whose subject is {@code user} alone,
 * the member (DESIGN.md section 6). Ids and states only, never a token or a secret
 * (docs/security.md rule 42).
 */
final class SecurityEvents {

    static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    static final String TOKEN_CLAIMS_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/token-claims-change";
    static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";
    /** What a stream may request (verification is always sent, SSF 1.0 section 8.1.4). */
    static final List<String> SUPPORTED = List.of(SESSION_REVOKED, TOKEN_CLAIMS_CHANGE);

    /** The outbox types that make a SET, and which one; other types mean nothing to a stream. */
    private static final Map<String, String> OF_OUTBOX = Map.of("grant.revoked", SESSION_REVOKED, "grant.resigned", SESSION_REVOKED,
            "grant.expired", SESSION_REVOKED, "grant.changed", TOKEN_CLAIMS_CHANGE, Outbox.CONSENT_WITHDRAWN, SESSION_REVOKED);
    /** The outbox types a stream hears of. */
    static final Set<String> OUTBOX_TYPES = OF_OUTBOX.keySet();
    /** CAEP {@code initiating_entity}: who ended the session. */
    private static final Map<String, String> INITIATED_BY = Map.of("grant.revoked", "user", "grant.resigned", "user",
            "grant.expired", "policy", "grant.changed", "user", Outbox.CONSENT_WITHDRAWN, "user");

    private SecurityEvents() {
    }

    /** The SET event type an outbox event of {@code type} becomes, or null. */
    static String of(String type) {
        return OF_OUTBOX.get(type);
    }

    /** The short name a delivery row keeps as its type (the URI's last part). */
    static String shortName(String eventType) {
        return eventType.substring(eventType.lastIndexOf('/') + 1);
    }

    /**
     * The claims of a grant's SET, or of a withdrawn consent's, without {@code iss}, {@code jti}, {@code iat}, {@code aud}, which
     * are the stream's and the delivery's ({@link #envelope}). {@code txn} is the outbox event's id:
     * the SETs one change makes share it (RFC 8417 section 2.2).
     */
    static Map<String, Object> ofChange(String issuer, String eventId, String outboxType, JsonNode data, Instant occurredAt) {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("format", "complex");
        subject.put("user", issSub(issuer, data.path(data.has("holderId") ? "holderId" : "memberId").asString()));
        if (data.hasNonNull("delegateId")) {
            subject.put("delegate", issSub(issuer, data.path("delegateId").asString()));
        }
        if (data.hasNonNull("grantId")) {
            subject.put("session", Map.of("format", "opaque", "id", data.path("grantId").asString()));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_timestamp", occurredAt.getEpochSecond());
        event.put("initiating_entity", INITIATED_BY.get(outboxType));
        String type = of(outboxType);
        if (TOKEN_CLAIMS_CHANGE.equals(type)) {
            // The claims a delegation token of this grant now carries at most (CAEP 1.0 section 3.2).
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("scope", String.join(" ", data.path("scopes").valueStream().map(JsonNode::asString).toList()));
            claims.put("grant_expires_at", data.path("expiresAt").asString());
            event.put("claims", claims);
        } else {
            event.put("reason_admin", Map.of("en", reason(outboxType)));
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("txn", eventId);
        claims.put("sub_id", subject);
        claims.put("events", Map.of(type, event));
        return claims;
    }

    /** SSF 1.0 section 8.1.4.1: the subject is the stream, the state the receiver's. */
    static Map<String, Object> verification(String streamId, String state) {
        Map<String, Object> event = new LinkedHashMap<>();
        if (state != null) {
            event.put("state", state);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub_id", Map.of("format", "opaque", "id", streamId));
        claims.put("events", Map.of(VERIFICATION, event));
        return claims;
    }

    /** The whole claims set: the event's, with the stream's {@code iss} and {@code aud} and the delivery's {@code jti} and {@code iat}. */
    static Map<String, Object> envelope(Stream stream, String deliveryId, Instant issuedAt, Map<String, Object> event) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", stream.issuer());
        claims.put("jti", deliveryId);
        claims.put("iat", issuedAt);
        claims.put("aud", List.of(stream.clientId()));
        claims.putAll(event);
        return claims;
    }

    private static Map<String, Object> issSub(String issuer, String memberId) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("format", "iss_sub");
        member.put("iss", issuer);
        member.put("sub", memberId);
        return member;
    }

    private static String reason(String outboxType) {
        return switch (outboxType) {
            case "grant.revoked" -> "The account holder revoked the grant.";
            case "grant.resigned" -> "The delegate gave the grant up.";
            case Outbox.CONSENT_WITHDRAWN -> "The member withdrew their consent to this app.";
            default -> "The grant expired.";
        };
    }
}
